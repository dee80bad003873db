"""Program pages under /program/: coordinators, pairs, mentors, mentees."""
