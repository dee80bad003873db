"""Quiz blocks. Correctness lives here and never reaches the browser before submission."""

from django.core.exceptions import ValidationError

from wagtail import blocks
from wagtail.blocks import StructBlockValidationError
from wagtail.blocks.list_block import ListBlockValidationError

from lms.training.grading import QuestionKind, question_shape_problem


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

    kind = blocks.ChoiceBlock(choices=QuestionKind.choices(), default=QuestionKind.SINGLE.value)
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
        problem = question_shape_problem(
            value["kind"], [(c["text"], bool(c["correct"])) for c in value["choices"]]
        )
        if problem:
            # Shown on the list of choices, where the editor fixes it.
            raise StructBlockValidationError(
                block_errors={
                    "choices": ListBlockValidationError(non_block_errors=[ValidationError(problem)])
                }
            )
        return value


class QuizBlock(blocks.StreamBlock):
    question = QuestionBlock()
