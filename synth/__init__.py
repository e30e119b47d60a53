"""Fixture generators: decrees rendered as offices publish them (digital PDFs, later scans)."""
