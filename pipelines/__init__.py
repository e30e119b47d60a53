
from pipelines.api import Curated, load_curated

__all__ = ["Curated", "load_curated"]
