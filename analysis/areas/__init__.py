"""Cooperation areas: seed terms, the area model, discovery of new topics, evaluation."""
