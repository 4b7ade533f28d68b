"""Cross-article work: copies, story clustering and the story view."""
