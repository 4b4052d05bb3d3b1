"""Support assistant: answers customers' order and refund questions."""
