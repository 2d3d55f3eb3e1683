"""The reviews (issue 16): the 5+5+5 board, the pipeline and its health, the year-end
customer analysis, heat and the rep's own activity, as plain functions over plain data."""
