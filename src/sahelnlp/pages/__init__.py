"""Pages to look at a run rather than read its JSON: `review` sends an annotator to the
likely errors of each article, `report` shows researchers the incidents on a map, a
timeline and a table. Both are single self-contained HTML files that fetch nothing."""
