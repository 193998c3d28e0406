"""Writing: summaries, press-release drafts, regulation briefs and officials' profiles (Jinja2)."""
