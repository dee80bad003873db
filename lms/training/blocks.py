"""Quiz blocks. Correctness lives here and never reaches the browser before submission."""

from wagtail import blocks
from wagtail.blocks import StructBlockValidationError

from lms.training.choices import QuestionKind


class ChoiceBlock(blocks.StructBlock):
    """One answer option with the feedback a learner sees after submitting."""

    text = blocks.CharBlock(max_length=500)
    correct = blocks.BooleanBlock(required=False)
    feedback = blocks.TextBlock(
        help_text="Shown after submission: why this choice is right or wrong."
    )

    class Meta:
        icon = "radio-full"
        description = "An answer option with feedback"


class QuestionBlock(blocks.StructBlock):
    """A single-choice, multiple-select or true/false question."""

    kind = blocks.ChoiceBlock(choices=QuestionKind.choices, default=QuestionKind.SINGLE)
    text = blocks.TextBlock()
    lesson = blocks.PageChooserBlock(
        page_type="lms.LessonPage",
        required=False,
        help_text="The lesson that teaches this; named to a learner who misses it.",
    )
    choices = blocks.ListBlock(ChoiceBlock(), min_num=2, max_num=8)

    class Meta:
        icon = "help"
        description = "A quiz question with feedback on every choice"

    def clean(self, value):
        value = super().clean(value)
        choices = list(value["choices"])
        correct = sum(1 for choice in choices if choice["correct"])
        kind = value["kind"]
        problem = None
        if kind == QuestionKind.SINGLE and correct != 1:
            problem = "A single-choice question needs exactly one correct choice."
        elif kind == QuestionKind.MULTIPLE and correct < 1:
            problem = "A multiple-select question needs at least one correct choice."
        elif kind == QuestionKind.TRUE_FALSE and (
            sorted(c["text"] for c in choices) != ["False", "True"] or correct != 1
        ):
            problem = 'A true/false question has the choices "True" and "False", one correct.'
        if problem:
            raise StructBlockValidationError(
                block_errors={"choices": blocks.BlockValidationError(problem)}
            )
        return value


class QuizBlock(blocks.StreamBlock):
    question = QuestionBlock()
