"""Peer-to-peer mentoring between task forces."""
