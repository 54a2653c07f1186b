"""Plain-text helpers shared by the extractors: sentences and tokens with offsets."""
