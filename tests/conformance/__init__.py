"""Replaying API2Cart's recorded answers against every platform AnyCart has (issue 14)."""
