"""Fixtures of the Semaphore specs; the pieces themselves live in semaphore_queue.py."""
import pytest

from spec.semaphores.semaphore_queue import NotesSimpleQueue


@pytest.fixture
def notes_simple_queue():
    """The class of the notes' two-semaphore queue (call it with the size)."""
    return NotesSimpleQueue
