"""Programme pages under /programme/: coordinators, pairs, mentors, mentees."""
