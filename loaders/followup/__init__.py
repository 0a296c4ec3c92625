"""The follow-up cycle (uppföljningsomgången): rounds, the departments' assessments, their
readiness, and the adopted (fastställd) follow-ups that never change.

``rules`` is the pure policy (who may do what in which state, what an assessment must hold);
``overlay`` lays the app's assessments over the uploaded assignments (pure pandas);
``cycle`` keeps it all in the store's tables, one transaction per change.
"""
