"""Task Force Connect: the members' forum."""
