-- A workbook at issue 12's hand-rolled "schema version 4" (branch i12 at commit 03f1f79, before its merge with
-- main's Alembic revisions): issue 13's version 3 plus change_log, change_log_fields, person_history,
-- people.archived, key_results.moved_from_id and its append-only triggers, without the org tree. Made with that
-- code's Store (WORKBOOK_USER=maya): two people (ben archived), a private and a shared note each edited once,
-- a plan, 2027Q1 OKRs, two check-ins (the second deleted), KR O1.KR2 moved to 2027Q2, Ana's level 2 -> 3
-- effective 2027-02-01. Dumped with sqlite3's iterdump. Never edit by hand: it is the upgrade test's witness.
BEGIN TRANSACTION;
CREATE TABLE actions (
	id INTEGER NOT NULL, 
	person_id VARCHAR(64) NOT NULL, 
	check_in_id INTEGER, 
	text TEXT NOT NULL, 
	owner VARCHAR(200) NOT NULL, 
	due DATE, 
	status VARCHAR(20) NOT NULL, 
	created_on DATE, 
	PRIMARY KEY (id), 
	FOREIGN KEY(person_id) REFERENCES people (id) ON DELETE CASCADE, 
	FOREIGN KEY(check_in_id) REFERENCES check_ins (id) ON DELETE SET NULL
);
CREATE TABLE change_log (
	id INTEGER NOT NULL, 
	person_id VARCHAR(64) NOT NULL, 
	at VARCHAR(32) NOT NULL, 
	actor VARCHAR(200) NOT NULL, 
	record VARCHAR(30) NOT NULL, 
	record_id INTEGER, 
	action VARCHAR(12) NOT NULL, 
	label TEXT NOT NULL, 
	audience VARCHAR(10) NOT NULL, 
	PRIMARY KEY (id), 
	CONSTRAINT ck_change_audience CHECK (audience in ('private', 'shared')), 
	FOREIGN KEY(person_id) REFERENCES people (id) ON DELETE CASCADE
);
INSERT INTO "change_log" VALUES(1,'ana','2026-11-30T19:11:39+00:00','maya','person',NULL,'add','person ana','shared');
INSERT INTO "change_log" VALUES(2,'ben','2026-11-30T19:11:39+00:00','maya','person',NULL,'add','person ben','shared');
INSERT INTO "change_log" VALUES(3,'ana','2026-11-30T19:11:39+00:00','maya','note',1,'add','note of 2027-01-10 (pull: values)','private');
INSERT INTO "change_log" VALUES(4,'ana','2026-11-30T19:11:39+00:00','maya','note',2,'add','note of 2027-01-11 (push: opportunities)','shared');
INSERT INTO "change_log" VALUES(5,'ana','2026-11-30T19:11:39+00:00','maya','note',2,'edit','note of 2027-01-11 (push: opportunities)','shared');
INSERT INTO "change_log" VALUES(6,'ana','2026-11-30T19:11:39+00:00','maya','note',1,'edit','note of 2027-01-10 (pull: values)','private');
INSERT INTO "change_log" VALUES(7,'ana','2026-11-30T19:11:39+00:00','maya','growth_plan',NULL,'add','growth plan 2027 (1 goals)','shared');
INSERT INTO "change_log" VALUES(8,'ana','2026-11-30T19:11:39+00:00','maya','objective',1,'add','objective 1 of 2027Q1','shared');
INSERT INTO "change_log" VALUES(9,'ana','2026-11-30T19:11:39+00:00','maya','key_result',1,'add','key result O1·KR1 of 2027Q1','shared');
INSERT INTO "change_log" VALUES(10,'ana','2026-11-30T19:11:39+00:00','maya','key_result',2,'add','key result O1·KR2 of 2027Q1','shared');
INSERT INTO "change_log" VALUES(11,'ana','2026-11-30T19:11:39+00:00','maya','check_in',1,'add','check-in of 2027-01-15','shared');
INSERT INTO "change_log" VALUES(12,'ana','2026-11-30T19:11:39+00:00','maya','check_in',2,'add','check-in of 2027-01-29','shared');
INSERT INTO "change_log" VALUES(13,'ana','2026-11-30T19:11:39+00:00','maya','check_in',2,'delete','check-in of 2027-01-29','shared');
INSERT INTO "change_log" VALUES(14,'ana','2026-11-30T19:11:39+00:00','maya','key_result',2,'edit','key result O1·KR2 of 2027Q1','shared');
INSERT INTO "change_log" VALUES(15,'ana','2026-11-30T19:11:39+00:00','maya','objective',2,'add','objective 1 of 2027Q2','shared');
INSERT INTO "change_log" VALUES(16,'ana','2026-11-30T19:11:39+00:00','maya','key_result',3,'add','key result O1·KR1 of 2027Q2','shared');
INSERT INTO "change_log" VALUES(17,'ana','2026-11-30T19:11:39+00:00','maya','key_result',2,'move','key result O1·KR2 of 2027Q1','shared');
INSERT INTO "change_log" VALUES(18,'ana','2026-11-30T19:11:39+00:00','maya','person',NULL,'edit','person ana (effective 2027-02-01)','shared');
INSERT INTO "change_log" VALUES(19,'ben','2026-11-30T19:11:39+00:00','maya','person',NULL,'archive','person ben','shared');
CREATE TABLE change_log_fields (
	id INTEGER NOT NULL, 
	change_id INTEGER NOT NULL, 
	field VARCHAR(60) NOT NULL, 
	old TEXT, 
	new TEXT, 
	audience VARCHAR(10) NOT NULL, 
	PRIMARY KEY (id), 
	CONSTRAINT ck_change_field_audience CHECK (audience in ('private', 'shared')), 
	FOREIGN KEY(change_id) REFERENCES change_log (id) ON DELETE CASCADE
);
INSERT INTO "change_log_fields" VALUES(1,5,'text','Ana-shared: mentoring opens in March','Ana-shared: mentoring opens in April','shared');
INSERT INTO "change_log_fields" VALUES(2,6,'text','Ana-private: father is ill','Ana-private: father is ill, flexible hours agreed','private');
INSERT INTO "change_log_fields" VALUES(3,13,'date','2027-01-29',NULL,'shared');
INSERT INTO "change_log_fields" VALUES(4,13,'mode','status',NULL,'shared');
INSERT INTO "change_log_fields" VALUES(5,13,'statuses','O1·KR2 at risk',NULL,'shared');
INSERT INTO "change_log_fields" VALUES(6,14,'outcome',NULL,'carried_over','shared');
INSERT INTO "change_log_fields" VALUES(7,14,'outcome_note','','Moved to 2027Q2 on 2026-11-30, where it continues.','shared');
INSERT INTO "change_log_fields" VALUES(8,17,'quarter','2027Q1 O1·KR2','2027Q2 O1·KR1','shared');
INSERT INTO "change_log_fields" VALUES(9,18,'level','2','3','shared');
INSERT INTO "change_log_fields" VALUES(10,19,'archived','no','yes','shared');
CREATE TABLE check_ins (
	id INTEGER NOT NULL, 
	person_id VARCHAR(64) NOT NULL, 
	date DATE NOT NULL, 
	mode VARCHAR(10) NOT NULL, 
	summary TEXT NOT NULL, 
	PRIMARY KEY (id), 
	FOREIGN KEY(person_id) REFERENCES people (id) ON DELETE CASCADE
);
INSERT INTO "check_ins" VALUES(1,'ana','2027-01-15','status','');
CREATE TABLE generated_about (
	file_id INTEGER NOT NULL, 
	person_id VARCHAR(64) NOT NULL, 
	PRIMARY KEY (file_id, person_id), 
	FOREIGN KEY(file_id) REFERENCES generated_files (id) ON DELETE CASCADE, 
	FOREIGN KEY(person_id) REFERENCES people (id) ON DELETE CASCADE
);
CREATE TABLE generated_files (
	id INTEGER NOT NULL, 
	path TEXT NOT NULL, 
	kind VARCHAR(20) NOT NULL, 
	period VARCHAR(6) NOT NULL, 
	made_at VARCHAR(32) NOT NULL, 
	PRIMARY KEY (id), 
	UNIQUE (path)
);
CREATE TABLE goal_competencies (
	goal_id INTEGER NOT NULL, 
	competency VARCHAR(300) NOT NULL, 
	position INTEGER NOT NULL, 
	PRIMARY KEY (goal_id, competency), 
	FOREIGN KEY(goal_id) REFERENCES goals (id) ON DELETE CASCADE
);
CREATE TABLE goals (
	id INTEGER NOT NULL, 
	plan_id INTEGER NOT NULL, 
	position INTEGER NOT NULL, 
	text TEXT NOT NULL, 
	draft TEXT NOT NULL, 
	priority INTEGER, 
	feedback TEXT NOT NULL, 
	PRIMARY KEY (id), 
	UNIQUE (plan_id, position), 
	FOREIGN KEY(plan_id) REFERENCES growth_plans (id) ON DELETE CASCADE
);
INSERT INTO "goals" VALUES(1,1,1,'Present to partners twice','',NULL,'');
CREATE TABLE growth_plans (
	id INTEGER NOT NULL, 
	person_id VARCHAR(64) NOT NULL, 
	year INTEGER NOT NULL, 
	drafted_by VARCHAR(20) NOT NULL, 
	status VARCHAR(20) NOT NULL, 
	PRIMARY KEY (id), 
	UNIQUE (person_id, year), 
	FOREIGN KEY(person_id) REFERENCES people (id) ON DELETE CASCADE
);
INSERT INTO "growth_plans" VALUES(1,'ana',2027,'employee','agreed');
CREATE TABLE key_results (
	id INTEGER NOT NULL, 
	objective_id INTEGER NOT NULL, 
	position INTEGER NOT NULL, 
	text TEXT NOT NULL, 
	target_date DATE, 
	outcome VARCHAR(20), 
	outcome_note TEXT NOT NULL, 
	moved_from_id INTEGER, 
	PRIMARY KEY (id), 
	UNIQUE (objective_id, position), 
	FOREIGN KEY(objective_id) REFERENCES objectives (id) ON DELETE CASCADE, 
	FOREIGN KEY(moved_from_id) REFERENCES key_results (id) ON DELETE SET NULL
);
INSERT INTO "key_results" VALUES(1,1,1,'Present at the weekly meeting by 15 March','2027-03-15',NULL,'',NULL);
INSERT INTO "key_results" VALUES(2,1,2,'Write two design docs by 31 March','2027-03-31','carried_over','Moved to 2027Q2 on 2026-11-30, where it continues.',NULL);
INSERT INTO "key_results" VALUES(3,2,1,'Write two design docs by 31 March','2027-03-31',NULL,'',2);
CREATE TABLE kr_statuses (
	id INTEGER NOT NULL, 
	check_in_id INTEGER NOT NULL, 
	key_result_id INTEGER NOT NULL, 
	status VARCHAR(20) NOT NULL, 
	note TEXT NOT NULL, 
	PRIMARY KEY (id), 
	FOREIGN KEY(check_in_id) REFERENCES check_ins (id) ON DELETE CASCADE, 
	FOREIGN KEY(key_result_id) REFERENCES key_results (id) ON DELETE CASCADE
);
INSERT INTO "kr_statuses" VALUES(1,1,1,'on_track','draft ready');
CREATE TABLE meta (
	"key" VARCHAR(100) NOT NULL, 
	value TEXT NOT NULL, 
	PRIMARY KEY ("key")
);
INSERT INTO "meta" VALUES('application','career-conversation-workbook');
INSERT INTO "meta" VALUES('schema_version','4');
CREATE TABLE notes (
	id INTEGER NOT NULL, 
	person_id VARCHAR(64) NOT NULL, 
	date DATE NOT NULL, 
	direction VARCHAR(10) NOT NULL, 
	topic VARCHAR(50) NOT NULL, 
	setting VARCHAR(50) NOT NULL, 
	text TEXT NOT NULL, 
	visibility VARCHAR(10) NOT NULL, 
	follow_up TEXT NOT NULL, 
	follow_up_due DATE, 
	follow_up_done BOOLEAN DEFAULT 0 NOT NULL, 
	PRIMARY KEY (id), 
	CONSTRAINT ck_note_visibility CHECK (visibility in ('private', 'shared')), 
	CONSTRAINT ck_note_direction CHECK (direction in ('pull', 'push')), 
	FOREIGN KEY(person_id) REFERENCES people (id) ON DELETE CASCADE
);
INSERT INTO "notes" VALUES(1,'ana','2027-01-10','pull','values','1:1','Ana-private: father is ill, flexible hours agreed','private','',NULL,0);
INSERT INTO "notes" VALUES(2,'ana','2027-01-11','push','opportunities','1:1','Ana-shared: mentoring opens in April','shared','',NULL,0);
CREATE TABLE objectives (
	id INTEGER NOT NULL, 
	quarter_id INTEGER NOT NULL, 
	position INTEGER NOT NULL, 
	text TEXT NOT NULL, 
	goal_position INTEGER, 
	understanding TEXT NOT NULL, 
	supplement TEXT NOT NULL, 
	aligned_work TEXT NOT NULL, 
	PRIMARY KEY (id), 
	UNIQUE (quarter_id, position), 
	FOREIGN KEY(quarter_id) REFERENCES okr_quarters (id) ON DELETE CASCADE
);
INSERT INTO "objectives" VALUES(1,1,1,'Communicate with partners',NULL,'','','');
INSERT INTO "objectives" VALUES(2,2,1,'Communicate with partners',NULL,'','','');
CREATE TABLE obstacles (
	id INTEGER NOT NULL, 
	check_in_id INTEGER NOT NULL, 
	kind VARCHAR(200) NOT NULL, 
	text TEXT NOT NULL, 
	PRIMARY KEY (id), 
	FOREIGN KEY(check_in_id) REFERENCES check_ins (id) ON DELETE CASCADE
);
INSERT INTO "obstacles" VALUES(1,1,'','not senior enough');
CREATE TABLE okr_quarters (
	id INTEGER NOT NULL, 
	person_id VARCHAR(64) NOT NULL, 
	quarter VARCHAR(6) NOT NULL, 
	PRIMARY KEY (id), 
	UNIQUE (person_id, quarter), 
	FOREIGN KEY(person_id) REFERENCES people (id) ON DELETE CASCADE
);
INSERT INTO "okr_quarters" VALUES(1,'ana','2027Q1');
INSERT INTO "okr_quarters" VALUES(2,'ana','2027Q2');
CREATE TABLE people (
	id VARCHAR(64) NOT NULL, 
	name VARCHAR(200) NOT NULL, 
	track VARCHAR(200) NOT NULL, 
	level VARCHAR(100) NOT NULL, 
	ladder TEXT NOT NULL, 
	manager VARCHAR(200) NOT NULL, 
	motivations TEXT NOT NULL, 
	started DATE, 
	archived BOOLEAN DEFAULT 0 NOT NULL, 
	PRIMARY KEY (id)
);
INSERT INTO "people" VALUES('ana','Ana Souza','Data Science','3','','Maya Chen','','2024-03-01',0);
INSERT INTO "people" VALUES('ben','Ben Okafor','','','','Maya Chen','',NULL,1);
CREATE TABLE person_history (
	id INTEGER NOT NULL, 
	person_id VARCHAR(64) NOT NULL, 
	effective DATE NOT NULL, 
	field VARCHAR(20) NOT NULL, 
	old TEXT NOT NULL, 
	new TEXT NOT NULL, 
	PRIMARY KEY (id), 
	FOREIGN KEY(person_id) REFERENCES people (id) ON DELETE CASCADE
);
INSERT INTO "person_history" VALUES(1,'ana','2027-02-01','level','2','3');
CREATE TABLE support (
	id INTEGER NOT NULL, 
	key_result_id INTEGER NOT NULL, 
	who VARCHAR(200) NOT NULL, 
	what TEXT NOT NULL, 
	status VARCHAR(20) NOT NULL, 
	due DATE, 
	PRIMARY KEY (id), 
	FOREIGN KEY(key_result_id) REFERENCES key_results (id) ON DELETE CASCADE
);
INSERT INTO "support" VALUES(1,1,'manager','feedback on the draft','requested',NULL);
CREATE TABLE trial_runs (
	id INTEGER NOT NULL, 
	check_in_id INTEGER NOT NULL, 
	text TEXT NOT NULL, 
	status VARCHAR(20) NOT NULL, 
	debrief TEXT NOT NULL, 
	follow_up_on DATE, 
	PRIMARY KEY (id), 
	FOREIGN KEY(check_in_id) REFERENCES check_ins (id) ON DELETE CASCADE
);
CREATE INDEX ix_notes_person_id ON notes (person_id);
CREATE INDEX ix_check_ins_person_id ON check_ins (person_id);
CREATE INDEX ix_generated_about_person_id ON generated_about (person_id);
CREATE INDEX ix_change_log_person_id ON change_log (person_id);
CREATE INDEX ix_person_history_person_id ON person_history (person_id);
CREATE INDEX ix_goals_plan_id ON goals (plan_id);
CREATE INDEX ix_objectives_quarter_id ON objectives (quarter_id);
CREATE INDEX ix_obstacles_check_in_id ON obstacles (check_in_id);
CREATE INDEX ix_trial_runs_check_in_id ON trial_runs (check_in_id);
CREATE INDEX ix_actions_person_id ON actions (person_id);
CREATE INDEX ix_change_log_fields_change_id ON change_log_fields (change_id);
CREATE INDEX ix_key_results_objective_id ON key_results (objective_id);
CREATE INDEX ix_support_key_result_id ON support (key_result_id);
CREATE INDEX ix_kr_statuses_check_in_id ON kr_statuses (check_in_id);
CREATE VIEW shareable_notes AS SELECT id, person_id, date, direction, topic, setting, text, follow_up, follow_up_due FROM notes WHERE visibility = 'shared';
CREATE VIEW shareable_changes AS SELECT c.id AS change_id, c.person_id, c.at, c.actor, c.record, c.record_id, c.action, c.label, f.field, f.old, f.new FROM change_log c LEFT JOIN change_log_fields f ON f.change_id = c.id AND f.audience = 'shared' WHERE c.audience = 'shared' AND (c.record <> 'note' OR EXISTS (SELECT 1 FROM notes n WHERE n.id = c.record_id AND n.visibility = 'shared'));
CREATE TRIGGER change_log_no_update BEFORE UPDATE ON change_log BEGIN SELECT RAISE(ABORT, 'the change log is append-only'); END;
CREATE TRIGGER change_log_fields_no_update BEFORE UPDATE ON change_log_fields BEGIN SELECT RAISE(ABORT, 'the change log is append-only'); END;
CREATE TRIGGER change_log_no_delete BEFORE DELETE ON change_log WHEN EXISTS (SELECT 1 FROM people WHERE people.id = OLD.person_id) BEGIN SELECT RAISE(ABORT, 'the change log is append-only; forget the person to erase it'); END;
CREATE TRIGGER change_log_fields_no_delete BEFORE DELETE ON change_log_fields WHEN EXISTS (SELECT 1 FROM change_log WHERE change_log.id = OLD.change_id) BEGIN SELECT RAISE(ABORT, 'the change log is append-only; forget the person to erase it'); END;
COMMIT;
