"""Finding: plain functions over clean text, one module per family of span.

Each finder (``find_citations``, ``find_agencies``, ``find_people``, ``find_quotes``, ``find_dates``,
``find_places``, ``find_abbreviations``) takes text and returns frozen mentions with offsets; the
``resolve_*`` functions merge mentions into one item per regulation, institution or person.
``gazetteer``, ``lexicon`` and ``vocabulary`` hold what the finders share.
"""
