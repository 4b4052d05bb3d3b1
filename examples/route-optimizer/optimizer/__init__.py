"""Route optimiser: split delivery stops between two vans."""
