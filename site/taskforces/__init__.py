"""Task forces, their regions, and who belongs to them (memberships and how they are decided)."""
