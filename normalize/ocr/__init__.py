"""Doubts and repairs of OCR'd matrix cells, for any extractor that sets `Cell.confidence`.

Before the rows become items, `numbering` repairs row numbering that OCR garbled in a
recognisable way ("l." -> "1.", a section number "IN." between "II." and "IV." ->
"III."), each repair an info note.  After, `doubts` notes every cell read unsurely
(low confidence, print read as no word, a misread-looking word, two readings that
disagree), with `lexicon` as the Indonesian word list; `notes` attaches every note to
the items whose text came from its cell.  Cells without a confidence (text, digital
PDFs) are never touched.
"""
