-- Current members, for the runs of absences on the home screen: the few
-- hundred enrolled stays are read without the thousands of past ones.
CREATE INDEX memberships_current ON memberships (group_id, client_id, joined) WHERE status = 'enrolled';
