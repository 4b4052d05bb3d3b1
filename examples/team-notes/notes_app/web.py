"""A one-page Flask tool: paste notes, get decisions and action items."""

from __future__ import annotations

from flask import Flask, render_template, request

from notes_app.notify import post_summary
from notes_app.summarise import summarise

app = Flask(__name__)


@app.get("/")
def index() -> str:
    return render_template("index.html", summary=None)


@app.post("/summarise")
def summarise_notes() -> str:
    notes = request.form.get("notes", "")[:20_000]
    summary = summarise(notes)
    if request.form.get("share") == "on":
        post_summary(request.form.get("title", "Meeting notes"), summary)
    return render_template("index.html", summary=summary)


if __name__ == "__main__":
    app.run(host="127.0.0.1", port=5050)
