"""Forms of the convention's steps (one module per step family) and of the table rows."""
