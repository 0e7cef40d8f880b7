"""Text handling: cleaning, datelines, dates, paragraphs, sentences, language."""
