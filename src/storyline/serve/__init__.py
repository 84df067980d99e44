"""`storyline serve`: the stored story in a browser, and the export's records over HTTP.

The server reads what `storyline build` stored and never computes the story itself: a page is
the stored records laid out, with every claim linked to the characters it came from. Adding
articles runs the ordinary incremental build in a separate process, so the server holds no
parser and a failed build cannot take it down.

- `options`: what the command line asked for;
- `security`: who may ask (token), and what a page may do (headers);
- `stored`: the stored story, loaded once per build of the store;
- `index`: the server's side file of article texts, with its full-text index;
- `views`, `highlight`, `timeline`: what a page shows, worked out from the records;
- `pages`, `api`, `uploads`: the routes; `app` puts them together; `server` runs it.
"""
