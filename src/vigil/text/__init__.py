"""Text normalisation and name indexes for matching."""
