"""Events: dated happenings and undated facts built from sentences, with provenance."""
