"""Convention documents: context, legal text, PDF and DOCX rendering."""
