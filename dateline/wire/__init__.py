"""The wire desk: agency copy in. Parsers turn an agency's bytes into one normalised item
(`items.ParsedItem`, `formats`); bytes that cannot be read safely are quarantined with a reason."""
