"""The actor knowledge base: who is who in armed conflict, loaded from data files."""

from tidings.kb.base import KBActor, KnowledgeBase
from tidings.kb.load import load_kb

__all__ = ["KBActor", "KnowledgeBase", "load_kb"]
