"""What every front end shows: JSON payloads of the contracts and terminal texts."""
