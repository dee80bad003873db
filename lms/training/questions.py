"""Turn a quiz page's StreamField into plain grading data (lms.training.grading.Question)."""

from lms.training.grading import Choice, Question


def _items(choices):
    for index, item in enumerate(choices):
        if isinstance(item, dict) and item.get("type") == "item":
            yield item.get("id") or f"c{index}", item["value"]
        else:
            yield f"c{index}", item


def questions_from_stream(raw_blocks) -> list[Question]:
    """Questions from StreamField raw data (a page's `questions.raw_data`)."""
    questions = []
    for index, block in enumerate(raw_blocks):
        if block.get("type") != "question":
            continue
        value = block["value"]
        choices = tuple(
            Choice(
                id=str(choice_id),
                text=choice.get("text", ""),
                correct=bool(choice.get("correct")),
                feedback=choice.get("feedback", ""),
            )
            for choice_id, choice in _items(value.get("choices", []))
        )
        lesson = value.get("lesson")
        questions.append(
            Question(
                id=str(block.get("id") or f"q{index}"),
                kind=value.get("kind", "single"),
                text=value.get("text", ""),
                choices=choices,
                lesson_id=int(lesson) if lesson else None,
            )
        )
    return questions


def quiz_questions(quiz) -> list[Question]:
    return questions_from_stream(list(quiz.questions.raw_data))
