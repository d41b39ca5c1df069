"""Breaking news: an editor marks a live story as breaking and every page of its edition shows a
banner for it, live, until the editor clears it or its time runs out."""
