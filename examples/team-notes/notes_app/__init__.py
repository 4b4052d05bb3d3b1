"""Team notes: turn raw meeting notes into decisions and action items."""
