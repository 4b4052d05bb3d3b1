"""microgate: take micro-apps built with LLM copilots into production safely.

The runtime core (manifest loading, policy evaluation, the store) imports without the CLI,
server or test extras.
"""

__version__ = "0.1.0"
