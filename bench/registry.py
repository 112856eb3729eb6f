"""Time loading the packaged actor registry and listing its surface forms.

Target: loading (``load_registry()``, decompress + validate) under 0.3 s.
Run: ``python bench/registry.py``. Each figure is the best of five runs in a
fresh interpreter state for the registry (the cache is cleared between runs).
"""

from __future__ import annotations

import time
from collections import Counter
from collections.abc import Callable

from actorgraph.loaders import registry as registry_module


def best_of(runs: int, action: Callable[[], object]) -> float:
    """The shortest wall time of ``runs`` calls of ``action``, in seconds."""
    best = float("inf")
    for _ in range(runs):
        registry_module._packaged.cache_clear()
        start = time.perf_counter()
        action()
        best = min(best, time.perf_counter() - start)
    return best


def main() -> None:
    """Print load and surface-form times and the registry's size."""
    load = best_of(5, registry_module.load_registry)
    loaded = registry_module.load_registry()
    forms_time = best_of(5, lambda: registry_module.load_registry().surface_forms())
    forms = loaded.surface_forms()
    by_type = Counter(entry.type for entry in loaded)
    print(f"load_registry():            {load * 1000:7.1f} ms  (target < 300 ms)")
    print(f"load + surface_forms():     {forms_time * 1000:7.1f} ms")
    print(f"entries: {len(loaded)}  " + "  ".join(f"{t}: {n}" for t, n in sorted(by_type.items())))
    print(f"surface forms: {len(forms)}  role terms: {len(loaded.role_terms)}")


if __name__ == "__main__":
    main()
