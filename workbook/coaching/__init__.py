"""Coaching: key-result measurability, goal framing, mental obstacles, and the career ladders (in ``ladders``)."""

from __future__ import annotations

from .framing import Hint, check_goals, frame_goal
from .measurability import LOW_CONFIDENCE, KRCheck, check_key_result
from .obstacles import MENTAL_OBSTACLES, mental_obstacle_prompts

__all__ = ["LOW_CONFIDENCE", "KRCheck", "Hint", "check_key_result", "check_goals", "frame_goal", "mental_obstacle_prompts",
           "MENTAL_OBSTACLES"]
