"""Actor finding: names in text, their types, and which names mean the same actor."""
