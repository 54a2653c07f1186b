"""The actor network view and its parts (data arrays, batched ties, labels, gestures)."""
