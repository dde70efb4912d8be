"""Content files → an immutable, validated guide."""
