"""Per-article analysis steps, one module each. `default_steps()` lists them in pipeline order."""

from __future__ import annotations

from newsprism.pipeline import Step


def default_steps() -> list[Step]:
    """The default analysis steps, in order (each after what it requires).

    Imported here rather than at module level so that `import newsprism.analyze` stays cheap:
    the steps load their lexicons when first built.
    """
    from newsprism.analyze.dates import DatesStep
    from newsprism.analyze.entities import EntitiesStep
    from newsprism.analyze.events import EventsStep
    from newsprism.analyze.figures import FiguresStep
    from newsprism.analyze.places import PlacesStep
    from newsprism.analyze.quotes import QuotesStep
    from newsprism.analyze.sentences import SentencesStep

    steps: list[Step] = [SentencesStep(), EntitiesStep(), PlacesStep(), DatesStep(), FiguresStep(),
                         QuotesStep()]
    steps.append(EventsStep(available=[s.name for s in steps]))  # last: needs sentences..dates
    return steps
