"""What the instruction loop records around a convention (domain.md §3.5)."""

from .commentaire import Commentaire, ReponseCommentaire
from .historique import HistoriqueStatut
from .journal import EnvoiSPF, Evenement
from .message import Message
from .notification import Notification

__all__ = [
    "Commentaire",
    "EnvoiSPF",
    "Evenement",
    "HistoriqueStatut",
    "Message",
    "Notification",
    "ReponseCommentaire",
]
