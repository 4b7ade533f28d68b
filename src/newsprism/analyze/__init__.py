"""Per-article analysis steps, one module each. `default_steps()` lists them in pipeline order."""

from __future__ import annotations

from newsprism.pipeline import Step


def default_steps() -> list[Step]:
    """The default analysis steps, in order (each after what it requires)."""
    steps: list[Step] = []
    # Steps register here in order, e.g.:
    #   from newsprism.analyze.sentences import SentencesStep; steps.append(SentencesStep())
    from newsprism.analyze.sentences import SentencesStep

    steps.append(SentencesStep())
    from newsprism.analyze.entities import EntitiesStep

    steps.append(EntitiesStep())
    from newsprism.analyze.places import PlacesStep

    steps.append(PlacesStep())
    from newsprism.analyze.dates import DatesStep

    steps.append(DatesStep())
    from newsprism.analyze.figures import FiguresStep
    from newsprism.analyze.quotes import QuotesStep

    steps.append(FiguresStep())
    steps.append(QuotesStep())
    from newsprism.analyze.events import EventsStep

    steps.append(EventsStep(available=[s.name for s in steps]))  # last: needs sentences..dates
    return steps
