"""The graph layer: ontology, models, errors and stores."""
