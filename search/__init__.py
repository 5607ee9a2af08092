"""One permission-aware search over everything."""
