"""Accounts: the custom user (email is the login), allauth hooks, the member's dashboard."""
