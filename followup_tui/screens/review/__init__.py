"""The review screen (key 4): the 5+5+5 board, pipeline, health, year-end, heat, activity."""
