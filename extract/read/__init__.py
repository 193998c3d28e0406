"""Reading: files to clean text and, for official documents, their structure.

``sources.load`` turns a path into a :class:`~extract.read.sources.Source` (txt, md, html, docx, pdf);
``normalize.clean_text`` cleans it in named steps with an offset map back; ``structure.parse_structure``
reads the title block, dates, signatures and sections of a regulation or circular.
"""
