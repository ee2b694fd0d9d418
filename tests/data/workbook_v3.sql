-- A workbook at schema version 3 as issue 13's code wrote it before Alembic (main at commit 4ae5e94, before
-- the merge of issue 15): the demo team (build_demo_db), then `workbook import tests/data/ana.yaml`,
-- `workbook limits --set max_goals=4`, `workbook run checkin --person priya --period 2026Q4`, `workbook
-- summaries --quarter 2026Q4 --people priya,jun --team --no-pdf` and `workbook ladder folders --add`, all
-- with their files under /tmp/wb-v3-fixture (the test puts its own folder there). Dumped with sqlite3's
-- iterdump. Never edit by hand: it is the upgrade test's witness of what those files look like.
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
INSERT INTO "actions" VALUES(1,'lucia',1,'Draft 2026 growth goals (at most three)','employee','2026-01-16','done','2026-01-05');
INSERT INTO "actions" VALUES(2,'priya',2,'Draft 2026 growth goals (at most three)','employee','2026-01-16','done','2026-01-05');
INSERT INTO "actions" VALUES(3,'amara',3,'Draft 2026 growth goals (at most three)','employee','2026-01-16','done','2026-01-06');
INSERT INTO "actions" VALUES(4,'farah',4,'Draft 2026 growth goals (at most three)','employee','2026-01-16','done','2026-01-07');
INSERT INTO "actions" VALUES(5,'tomas',5,'Draft 2026 growth goals (at most three)','employee','2026-01-16','done','2026-01-08');
INSERT INTO "actions" VALUES(6,'jun',6,'Draft 2026 growth goals (at most three)','employee','2026-01-16','done','2026-01-09');
INSERT INTO "actions" VALUES(7,'lucia',7,'Ask Jun whether he would pair with Lucía weekly','manager','2026-01-23','done','2026-01-19');
INSERT INTO "actions" VALUES(8,'priya',8,'Send the intro email to Kwame Mensah','manager','2026-01-23','done','2026-01-19');
INSERT INTO "actions" VALUES(9,'priya',8,'Rewrite the goals with the feedback','employee','2026-01-30','done','2026-01-19');
INSERT INTO "actions" VALUES(10,'amara',9,'Set up weekly mentoring with Farah','manager','2026-01-30','done','2026-01-20');
INSERT INTO "actions" VALUES(11,'farah',10,'Ask the hiring lead whether Farah can own interview calibration','manager','2026-01-30','done','2026-01-21');
INSERT INTO "actions" VALUES(12,'jun',24,'Look at Jun''s draft pull request within a day','Tomás Herrera','2026-02-26','done','2026-02-20');
INSERT INTO "actions" VALUES(13,'priya',26,'Send the reply to marketing after the manager''s comments','employee','2026-03-04','done','2026-03-02');
INSERT INTO "actions" VALUES(14,'priya',26,'Tell Dana that we are ranking requests this quarter','manager','2026-03-03','done','2026-03-02');
INSERT INTO "actions" VALUES(15,'priya',55,'Align with the marketing director on the fortnightly prioritisation review','manager','2026-05-15','done','2026-05-11');
INSERT INTO "actions" VALUES(16,'amara',68,'Be the dry-run audience and interrupt','Priya Raman','2026-06-19','done','2026-06-09');
INSERT INTO "actions" VALUES(17,'amara',74,'Write down the two hardest questions and a short answer to each','employee','2026-07-20','done','2026-07-07');
INSERT INTO "actions" VALUES(18,'jun',77,'Record the walkthrough','employee','2026-07-17','done','2026-07-10');
INSERT INTO "actions" VALUES(19,'lucia',78,'Add Lucía as primary on the September rotation','Tomás Herrera','2026-07-31','done','2026-07-20');
INSERT INTO "actions" VALUES(20,'farah',86,'Send the note to the supply squad''s director','employee','2026-08-12','done','2026-08-05');
INSERT INTO "actions" VALUES(21,'priya',90,'Dry-run feedback on the growth review slides','Farah Haddad','2026-08-20','done','2026-08-17');
INSERT INTO "actions" VALUES(22,'jun',110,'Send Jun the leave policy and line up cover for the retry design review','manager','2026-10-09','open','2026-10-02');
INSERT INTO "actions" VALUES(23,'amara',113,'Pair on the launch checklist','Farah Haddad','2026-10-20','done','2026-10-13');
INSERT INTO "actions" VALUES(24,'tomas',121,'Ask the platform director for a 30-minute architecture forum slot','manager','2026-11-20','open','2026-10-29');
INSERT INTO "actions" VALUES(25,'farah',125,'Set up a coffee with the analytics-engineering director','manager','2026-11-20','done','2026-11-11');
INSERT INTO "actions" VALUES(26,'farah',125,'Write down what would make goal 2 change','employee','2026-12-04','open','2026-11-11');
INSERT INTO "actions" VALUES(27,'lucia',127,'Send the setup guide to Tomás to test','employee','2026-12-11','open','2026-12-07');
INSERT INTO "actions" VALUES(28,'priya',128,'Send the draft 2027 roadmap to Dana','employee','2026-12-14','open','2026-12-07');
INSERT INTO "actions" VALUES(29,'priya',128,'Draft 2027 growth goals (at most three) after the annual review','employee','2027-01-15','open','2026-12-07');
INSERT INTO "actions" VALUES(30,'amara',129,'Send the monitoring summary before the 4-week review','employee','2026-12-10','open','2026-12-08');
INSERT INTO "actions" VALUES(31,'tomas',131,'Email the platform director about the architecture forum slot','manager','2026-12-14','open','2026-12-10');
CREATE TABLE check_ins (
	id INTEGER NOT NULL, 
	person_id VARCHAR(64) NOT NULL, 
	date DATE NOT NULL, 
	mode VARCHAR(10) NOT NULL, 
	summary TEXT NOT NULL, 
	PRIMARY KEY (id), 
	FOREIGN KEY(person_id) REFERENCES people (id) ON DELETE CASCADE
);
INSERT INTO "check_ins" VALUES(1,'lucia','2026-01-05','status','Annual review today. Asked Lucía to draft up to three 2026 growth goals within two weeks.');
INSERT INTO "check_ins" VALUES(2,'priya','2026-01-05','status','Annual review today (see the review notes). Asked Priya to draft up to three 2026 growth goals within two weeks.');
INSERT INTO "check_ins" VALUES(3,'amara','2026-01-06','status','Annual review today. Asked Amara to draft up to three 2026 growth goals within two weeks.');
INSERT INTO "check_ins" VALUES(4,'farah','2026-01-07','status','Annual review today. Asked Farah to draft up to three 2026 growth goals within two weeks.');
INSERT INTO "check_ins" VALUES(5,'tomas','2026-01-08','status','Annual review today. Asked Tomás to draft up to three 2026 growth goals within two weeks.');
INSERT INTO "check_ins" VALUES(6,'jun','2026-01-09','status','Annual review today. Asked Jun to draft up to three 2026 growth goals within two weeks.');
INSERT INTO "check_ins" VALUES(7,'lucia','2026-01-19','status','Draft goals: ''learn everything'' focused on on-call; ''write better code'' replaced by asking for help earlier.');
INSERT INTO "check_ins" VALUES(8,'priya','2026-01-19','status','Went through her draft goals: reframed ''multitask better'' into prioritising requests, kept causal inference tied to a real campaign. Offered an intro to Kwame in pricing.');
INSERT INTO "check_ins" VALUES(9,'amara','2026-01-20','status','Draft goals: wants deep learning first. Reprioritised: reproducible code first, modelling on the delivery-time project second, presenting third.');
INSERT INTO "check_ins" VALUES(10,'farah','2026-01-21','status','Went through her two draft goals; sharpened goal 1 to adoption by both squads.');
INSERT INTO "check_ins" VALUES(11,'tomas','2026-01-22','status','Draft goals: migration, a talk, and open-source relief. Pointed out that only the first maps to the ladder; he keeps the other two this year, revisit in Q2.');
INSERT INTO "check_ins" VALUES(12,'jun','2026-01-23','status','Draft goals: ''write perfect code'' reframed as smaller, earlier pull requests; latency ownership agreed.');
INSERT INTO "check_ins" VALUES(13,'lucia','2026-02-02','status','Growth plan talked through; agreed 2026Q1 OKRs (2 objectives, 3 key results).');
INSERT INTO "check_ins" VALUES(14,'priya','2026-02-02','status','Growth plan talked through; agreed 2026Q1 OKRs (2 objectives, 3 key results).');
INSERT INTO "check_ins" VALUES(15,'amara','2026-02-03','status','Growth plan talked through; agreed 2026Q1 OKRs (2 objectives, 3 key results).');
INSERT INTO "check_ins" VALUES(16,'farah','2026-02-04','status','Growth plan talked through; agreed 2026Q1 OKRs (2 objectives, 2 key results).');
INSERT INTO "check_ins" VALUES(17,'tomas','2026-02-05','status','Growth plan talked through; agreed 2026Q1 OKRs (2 objectives, 3 key results).');
INSERT INTO "check_ins" VALUES(18,'jun','2026-02-06','status','Growth plan talked through; agreed 2026Q1 OKRs (1 objective, 2 key results).');
INSERT INTO "check_ins" VALUES(19,'lucia','2026-02-16','unblock','Unblock (15 min): spent three days on a failing template test before asking. ''Everyone is busy and I should know this by now.''');
INSERT INTO "check_ins" VALUES(20,'priya','2026-02-16','status','OKR check: 3 on track.');
INSERT INTO "check_ins" VALUES(21,'amara','2026-02-17','status','Status pass: 3 on track.');
INSERT INTO "check_ins" VALUES(22,'farah','2026-02-18','status','OKR check: 2 on track.');
INSERT INTO "check_ins" VALUES(23,'tomas','2026-02-19','status','Short check on the OKRs: 3 on track.');
INSERT INTO "check_ins" VALUES(24,'jun','2026-02-20','unblock','Unblock (15 min): a 900-line pull request sat for two weeks because he wanted it clean first.');
INSERT INTO "check_ins" VALUES(25,'lucia','2026-03-02','status','Debriefed the first timeboxed question: answered in 12 minutes.');
INSERT INTO "check_ins" VALUES(26,'priya','2026-03-02','unblock','Unblock (15 min): the marketing team asked for a new dashboard that duplicates the churn report. Priya wants to say ''not now'' but worries she will look unhelpful. Talked through why pushing back is professional, not personal, and agreed a trial run.');
INSERT INTO "check_ins" VALUES(27,'amara','2026-03-03','unblock','Unblock (12 min): asked to skip the March team demo because her results ''are not interesting enough''. Agreed a rehearsal the day before.');
INSERT INTO "check_ins" VALUES(28,'farah','2026-03-04','status','Quick OKR pass: 2 on track.');
INSERT INTO "check_ins" VALUES(29,'tomas','2026-03-05','status','Status pass: 3 on track.');
INSERT INTO "check_ins" VALUES(30,'jun','2026-03-06','status','Debriefed the draft pull request: early feedback saved a week.');
INSERT INTO "check_ins" VALUES(31,'lucia','2026-03-16','status','Quick OKR pass: 2 on track, 1 at risk.');
INSERT INTO "check_ins" VALUES(32,'priya','2026-03-16','status','Debriefed the dashboard reply (went well). Quick pass on the rest.');
INSERT INTO "check_ins" VALUES(33,'amara','2026-03-17','status','Short check on the OKRs: 2 on track, 1 done.');
INSERT INTO "check_ins" VALUES(34,'farah','2026-03-18','status','OKR check: 2 done.');
INSERT INTO "check_ins" VALUES(35,'tomas','2026-03-19','status','Short check on the OKRs: 3 done.');
INSERT INTO "check_ins" VALUES(36,'jun','2026-03-20','status','Status pass: 2 at risk.');
INSERT INTO "check_ins" VALUES(37,'lucia','2026-03-30','status','Short check on the OKRs: 1 at risk, 2 done.');
INSERT INTO "check_ins" VALUES(38,'priya','2026-03-30','status','Two-minute status check: 1 at risk, 1 done.');
INSERT INTO "check_ins" VALUES(39,'amara','2026-03-31','status','Debriefed the team demo; closing Q1 next time.');
INSERT INTO "check_ins" VALUES(40,'farah','2026-04-01','status','Closed 2026Q1 (2 met); agreed 2026Q2 OKRs (2 objectives, 3 key results).');
INSERT INTO "check_ins" VALUES(41,'tomas','2026-04-02','status','Closed 2026Q1 (3 met); agreed 2026Q2 OKRs (2 objectives, 2 key results).');
INSERT INTO "check_ins" VALUES(42,'jun','2026-04-03','status','Closed 2026Q1 (2 partly met); agreed 2026Q2 OKRs (2 objectives, 3 key results).');
INSERT INTO "check_ins" VALUES(43,'lucia','2026-04-13','status','Closed 2026Q1 (1 partly met, 2 met); agreed 2026Q2 OKRs (2 objectives, 3 key results).');
INSERT INTO "check_ins" VALUES(44,'priya','2026-04-13','status','Closed 2026Q1 (2 met, 1 partly met); agreed 2026Q2 OKRs (2 objectives, 3 key results).');
INSERT INTO "check_ins" VALUES(45,'amara','2026-04-14','status','Closed 2026Q1 (3 met); agreed 2026Q2 OKRs (2 objectives, 3 key results).');
INSERT INTO "check_ins" VALUES(46,'farah','2026-04-15','status','Short check on the OKRs: 3 on track.');
INSERT INTO "check_ins" VALUES(47,'jun','2026-04-17','status','OKR check: 3 on track.');
INSERT INTO "check_ins" VALUES(48,'lucia','2026-04-27','status','Quick OKR pass: 3 on track.');
INSERT INTO "check_ins" VALUES(49,'priya','2026-04-27','status','OKR check: 3 on track.');
INSERT INTO "check_ins" VALUES(50,'amara','2026-04-28','status','Quick OKR pass: 3 on track.');
INSERT INTO "check_ins" VALUES(51,'farah','2026-04-29','status','Short check on the OKRs: 3 on track.');
INSERT INTO "check_ins" VALUES(52,'tomas','2026-04-30','unblock','Unblock (12 min): the checkout team wants three extra event fields in the migration. He sees the scope creep but saying no feels like blocking them.');
INSERT INTO "check_ins" VALUES(53,'jun','2026-05-01','status','Two-minute status check: 3 on track.');
INSERT INTO "check_ins" VALUES(54,'lucia','2026-05-11','status','OKR check: 2 on track, 1 at risk.');
INSERT INTO "check_ins" VALUES(55,'priya','2026-05-11','status','Status pass; Dana''s director escalated a deferred request, we agreed Maya raises the fortnightly review with him.');
INSERT INTO "check_ins" VALUES(56,'amara','2026-05-12','status','Status pass: 2 at risk, 1 done.');
INSERT INTO "check_ins" VALUES(57,'farah','2026-05-13','status','OKR check: 2 on track, 1 at risk.');
INSERT INTO "check_ins" VALUES(58,'tomas','2026-05-14','status','Debriefed the scope note; cutover date holds.');
INSERT INTO "check_ins" VALUES(59,'jun','2026-05-15','status','Two-minute status check: 2 on track, 1 done.');
INSERT INTO "check_ins" VALUES(60,'lucia','2026-05-25','status','Two-minute status check: 2 on track, 1 at risk.');
INSERT INTO "check_ins" VALUES(61,'priya','2026-05-25','status','Short check on the OKRs: 1 on track, 1 at risk.');
INSERT INTO "check_ins" VALUES(62,'amara','2026-05-26','status','Short check on the OKRs: 2 at risk.');
INSERT INTO "check_ins" VALUES(63,'farah','2026-05-27','status','Status pass: 2 on track, 1 at risk.');
INSERT INTO "check_ins" VALUES(64,'tomas','2026-05-28','status','Quick OKR pass: 1 on track, 1 at risk.');
INSERT INTO "check_ins" VALUES(65,'jun','2026-05-29','status','OKR check: 2 on track.');
INSERT INTO "check_ins" VALUES(66,'lucia','2026-06-08','status','OKR check: 1 at risk, 2 done.');
INSERT INTO "check_ins" VALUES(67,'priya','2026-06-08','status','Quick OKR pass: 1 at risk, 1 done.');
INSERT INTO "check_ins" VALUES(68,'amara','2026-06-09','unblock','Unblock (15 min): the ops weekly is in two weeks and she is dreading the ops lead''s questions.');
INSERT INTO "check_ins" VALUES(69,'farah','2026-06-10','status','OKR check: 1 at risk, 2 done.');
INSERT INTO "check_ins" VALUES(70,'tomas','2026-06-11','status','Status pass: 1 at risk, 1 done.');
INSERT INTO "check_ins" VALUES(71,'jun','2026-06-12','status','Two-minute status check: 2 done.');
INSERT INTO "check_ins" VALUES(72,'lucia','2026-07-06','status','Closed 2026Q2 (1 partly met, 2 met); agreed 2026Q3 OKRs (1 objective, 1 key result).');
INSERT INTO "check_ins" VALUES(73,'priya','2026-07-06','status','Closed 2026Q2 (2 met, 1 partly met); agreed 2026Q3 OKRs (2 objectives, 2 key results).');
INSERT INTO "check_ins" VALUES(74,'amara','2026-07-07','unblock','Unblock (15 min): closed Q2 (the ops slot went to Farah). Retry in July with a trial run on the hardest questions.');
INSERT INTO "check_ins" VALUES(75,'farah','2026-07-08','status','Closed 2026Q2 (1 partly met, 2 met); agreed 2026Q3 OKRs (2 objectives, 2 key results).');
INSERT INTO "check_ins" VALUES(76,'tomas','2026-07-09','status','Closed 2026Q2 (1 met, 1 partly met); agreed 2026Q3 OKRs (2 objectives, 2 key results).');
INSERT INTO "check_ins" VALUES(77,'jun','2026-07-10','unblock','Unblock (12 min): sprint review demo on 22 Jul. Worried his English is not polished enough.');
INSERT INTO "check_ins" VALUES(78,'lucia','2026-07-20','status','Status pass: ready for primary on-call in September.');
INSERT INTO "check_ins" VALUES(79,'priya','2026-07-20','status','Quick OKR pass: 2 on track.');
INSERT INTO "check_ins" VALUES(80,'amara','2026-07-21','status','Short check on the OKRs: 2 on track, 1 done.');
INSERT INTO "check_ins" VALUES(81,'farah','2026-07-22','status','Short check on the OKRs: 2 on track.');
INSERT INTO "check_ins" VALUES(82,'tomas','2026-07-23','status','Quick OKR pass: 2 on track.');
INSERT INTO "check_ins" VALUES(83,'jun','2026-07-24','status','Debriefed the sprint review demo: clear and short.');
INSERT INTO "check_ins" VALUES(84,'lucia','2026-08-03','status','Short check on the OKRs: 1 on track.');
INSERT INTO "check_ins" VALUES(85,'amara','2026-08-04','status','Short check on the OKRs: 2 on track.');
INSERT INTO "check_ins" VALUES(86,'farah','2026-08-05','unblock','Unblock (15 min): the supply squad dropped the pairing. She does not want to go to their director: ''it will look like I cannot influence peers''. Talked about escalation as professional, not a failure.');
INSERT INTO "check_ins" VALUES(87,'tomas','2026-08-06','status','Short check on the OKRs: 2 on track.');
INSERT INTO "check_ins" VALUES(88,'jun','2026-08-07','status','Short check on the OKRs: 2 on track, 1 done.');
INSERT INTO "check_ins" VALUES(89,'lucia','2026-08-17','status','Status pass: 1 on track.');
INSERT INTO "check_ins" VALUES(90,'priya','2026-08-17','status','Status pass before the growth review; Farah will give slide feedback.');
INSERT INTO "check_ins" VALUES(91,'amara','2026-08-18','status','Quick OKR pass: 1 on track, 1 at risk.');
INSERT INTO "check_ins" VALUES(92,'farah','2026-08-19','status','Debriefed the note to the supply director: a clear ''not before October''.');
INSERT INTO "check_ins" VALUES(93,'tomas','2026-08-20','status','Short check on the OKRs: 1 on track, 1 at risk.');
INSERT INTO "check_ins" VALUES(94,'jun','2026-08-21','status','Two-minute status check: 1 on track, 1 at risk.');
INSERT INTO "check_ins" VALUES(95,'priya','2026-08-31','status','Quick OKR pass: 1 at risk, 1 done.');
INSERT INTO "check_ins" VALUES(96,'amara','2026-09-01','status','OKR check: 1 on track, 1 at risk.');
INSERT INTO "check_ins" VALUES(97,'farah','2026-09-02','status','Quick OKR pass: 2 at risk.');
INSERT INTO "check_ins" VALUES(98,'tomas','2026-09-03','status','Quick OKR pass: 1 on track, 1 at risk.');
INSERT INTO "check_ins" VALUES(99,'jun','2026-09-04','status','Status pass: 1 on track, 1 at risk.');
INSERT INTO "check_ins" VALUES(100,'lucia','2026-09-14','status','Short check on the OKRs: 1 on track.');
INSERT INTO "check_ins" VALUES(101,'priya','2026-09-14','status','Short check on the OKRs: 1 at risk.');
INSERT INTO "check_ins" VALUES(102,'amara','2026-09-15','status','Short check on the OKRs: 1 at risk, 1 done.');
INSERT INTO "check_ins" VALUES(103,'tomas','2026-09-17','status','Short check on the OKRs: 1 at risk, 1 done.');
INSERT INTO "check_ins" VALUES(104,'jun','2026-09-18','status','Short check on the OKRs: 1 at risk, 1 done.');
INSERT INTO "check_ins" VALUES(105,'lucia','2026-09-28','status','OKR check: 1 done.');
INSERT INTO "check_ins" VALUES(106,'priya','2026-09-28','status','Short check on the OKRs: 1 at risk.');
INSERT INTO "check_ins" VALUES(107,'amara','2026-09-29','status','OKR check: 1 at risk.');
INSERT INTO "check_ins" VALUES(108,'farah','2026-09-30','status','OKR check: 1 at risk, 1 blocked.');
INSERT INTO "check_ins" VALUES(109,'tomas','2026-10-01','status','Closed 2026Q3 (1 carried over, 1 met); agreed 2026Q4 OKRs (2 objectives, 3 key results).');
INSERT INTO "check_ins" VALUES(110,'jun','2026-10-02','status','Q3 closed (the freeze incident). Q4 OKRs set; Jun may need to travel to Osaka in November.');
INSERT INTO "check_ins" VALUES(111,'lucia','2026-10-12','status','Closed 2026Q3 (1 met); agreed 2026Q4 OKRs (2 objectives, 2 key results).');
INSERT INTO "check_ins" VALUES(112,'priya','2026-10-12','status','Closed 2026Q3 (1 met, 1 carried over); agreed 2026Q4 OKRs (2 objectives, 2 key results).');
INSERT INTO "check_ins" VALUES(113,'amara','2026-10-13','status','Launch prep for delivery-time v1.');
INSERT INTO "check_ins" VALUES(114,'farah','2026-10-14','status','Closed 2026Q3 (1 not met, 1 carried over); agreed 2026Q4 OKRs (2 objectives, 2 key results).');
INSERT INTO "check_ins" VALUES(115,'tomas','2026-10-15','status','OKR check: 3 on track.');
INSERT INTO "check_ins" VALUES(116,'jun','2026-10-16','status','Short check on the OKRs: 1 on track, 1 at risk.');
INSERT INTO "check_ins" VALUES(117,'lucia','2026-10-26','status','OKR check: 2 on track.');
INSERT INTO "check_ins" VALUES(118,'priya','2026-10-26','status','Status pass: 2 on track.');
INSERT INTO "check_ins" VALUES(119,'amara','2026-10-27','status','OKR check: 2 on track.');
INSERT INTO "check_ins" VALUES(120,'farah','2026-10-28','status','Short check on the OKRs: 2 on track.');
INSERT INTO "check_ins" VALUES(121,'tomas','2026-10-29','status','Status pass: cutover date set, talk slides final. I will ask the platform director for a forum slot.');
INSERT INTO "check_ins" VALUES(122,'lucia','2026-11-09','status','Short check on the OKRs: 1 on track, 1 at risk.');
INSERT INTO "check_ins" VALUES(123,'priya','2026-11-09','status','OKR check: 1 on track, 1 at risk.');
INSERT INTO "check_ins" VALUES(124,'amara','2026-11-10','status','OKR check: 2 on track.');
INSERT INTO "check_ins" VALUES(125,'farah','2026-11-11','status','Farah is weighing the analytics-engineering lead role; goal 2 reopened and the plan is back in discussion.');
INSERT INTO "check_ins" VALUES(126,'tomas','2026-11-12','status','OKR check: 2 on track, 1 at risk.');
INSERT INTO "check_ins" VALUES(127,'lucia','2026-12-07','status','Status pass: on-call week done; setup guide needs a new tester while Jun is away.');
INSERT INTO "check_ins" VALUES(128,'priya','2026-12-07','status','Last check-in of the year: template nearly adopted, roadmap draft ready for Dana.');
INSERT INTO "check_ins" VALUES(129,'amara','2026-12-08','status','Status pass: both cities live, monitoring review on Thursday.');
INSERT INTO "check_ins" VALUES(130,'farah','2026-12-09','status','Status pass: 2 on track.');
INSERT INTO "check_ins" VALUES(131,'tomas','2026-12-10','status','Status pass: migration done, talk given. The forum slot is still not booked; that is on me.');
INSERT INTO "check_ins" VALUES(132,'ana','2027-01-15','status','');
CREATE TABLE generated_about (
	file_id INTEGER NOT NULL, 
	person_id VARCHAR(64) NOT NULL, 
	PRIMARY KEY (file_id, person_id), 
	FOREIGN KEY(file_id) REFERENCES generated_files (id) ON DELETE CASCADE, 
	FOREIGN KEY(person_id) REFERENCES people (id) ON DELETE CASCADE
);
INSERT INTO "generated_about" VALUES(1,'priya');
INSERT INTO "generated_about" VALUES(2,'priya');
INSERT INTO "generated_about" VALUES(3,'amara');
INSERT INTO "generated_about" VALUES(3,'ana');
INSERT INTO "generated_about" VALUES(3,'farah');
INSERT INTO "generated_about" VALUES(3,'jun');
INSERT INTO "generated_about" VALUES(3,'lucia');
INSERT INTO "generated_about" VALUES(3,'priya');
INSERT INTO "generated_about" VALUES(3,'tomas');
INSERT INTO "generated_about" VALUES(4,'jun');
CREATE TABLE generated_files (
	id INTEGER NOT NULL, 
	path TEXT NOT NULL, 
	kind VARCHAR(20) NOT NULL, 
	period VARCHAR(6) NOT NULL, 
	made_at VARCHAR(32) NOT NULL, 
	PRIMARY KEY (id), 
	UNIQUE (path)
);
INSERT INTO "generated_files" VALUES(1,'/tmp/wb-v3-fixture/out/stages/priya/04_check_in-2026Q4.ipynb','stage','2026Q4','2026-11-30T18:20:07+00:00');
INSERT INTO "generated_files" VALUES(2,'/tmp/wb-v3-fixture/out/2026Q4/priya/priya-2026Q4.ipynb','person','2026Q4','2026-11-30T18:20:10+00:00');
INSERT INTO "generated_files" VALUES(3,'/tmp/wb-v3-fixture/out/2026Q4/team_overview.ipynb','team','2026Q4','2026-11-30T18:20:11+00:00');
INSERT INTO "generated_files" VALUES(4,'/tmp/wb-v3-fixture/out/2026Q4/jun/jun-2026Q4.ipynb','person','2026Q4','2026-11-30T18:20:11+00:00');
CREATE TABLE goal_competencies (
	goal_id INTEGER NOT NULL, 
	competency VARCHAR(300) NOT NULL, 
	position INTEGER NOT NULL, 
	PRIMARY KEY (goal_id, competency), 
	FOREIGN KEY(goal_id) REFERENCES goals (id) ON DELETE CASCADE
);
INSERT INTO "goal_competencies" VALUES(1,'Prioritization & execution',0);
INSERT INTO "goal_competencies" VALUES(1,'Communication & stakeholder management',1);
INSERT INTO "goal_competencies" VALUES(2,'Technical depth (modeling)',0);
INSERT INTO "goal_competencies" VALUES(4,'Coding & architecture',0);
INSERT INTO "goal_competencies" VALUES(5,'Technical depth (modeling)',0);
INSERT INTO "goal_competencies" VALUES(5,'Business understanding / domain expertise',1);
INSERT INTO "goal_competencies" VALUES(7,'Technical depth (modeling)',0);
INSERT INTO "goal_competencies" VALUES(7,'Collaboration & influence',1);
INSERT INTO "goal_competencies" VALUES(9,'System design & architecture',0);
INSERT INTO "goal_competencies" VALUES(12,'Code quality & craft',0);
INSERT INTO "goal_competencies" VALUES(12,'Delivery & execution',1);
INSERT INTO "goal_competencies" VALUES(13,'Testing, operations & reliability',0);
INSERT INTO "goal_competencies" VALUES(15,'Testing, operations & reliability',0);
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
INSERT INTO "goals" VALUES(1,1,1,'Prioritize and manage stakeholder requests so I focus on high-impact work','Get better at multitasking and be more productive',1,'The overload is real, but juggling more at once will not fix it. The lever is deciding what not to do and saying so clearly to partners, with a reason and an alternative. Let''s make that the goal.');
INSERT INTO "goals" VALUES(2,1,2,'Measure the impact of retention campaigns with sound causal methods (holdouts, difference-in-differences) and explain their limits to partners','Learn causal inference',2,'Great fit with the retention roadmap. Tie the learning to real campaign readouts so it sticks, and get a reviewer who does this every day.');
INSERT INTO "goals" VALUES(3,1,3,'Make campaign analysis reusable: a documented template the team can run without me','Help the team more',3,'Good instinct, but ''help more'' is hard to check at the end of the year. A template someone else runs without you is concrete and multiplies your impact.');
INSERT INTO "goals" VALUES(4,2,1,'Write clear, reproducible analysis: documented notebooks, tested feature code and pull requests the team can review','Learn deep learning and transformers for forecasting',1,'Deep learning can come later. Right now what holds your work back is that others cannot rerun or review it; solid code and documentation pay off in every project. Modelling stays as goal 2, grounded in real work.');
INSERT INTO "goals" VALUES(5,2,2,'Own the delivery-time features end to end, from the data question to an offline evaluation the forecasting lead signs off','Build more advanced models',2,'Better models start with the business question and a baseline. Practise on the delivery-time project so the learning and the project help each other.');
INSERT INTO "goals" VALUES(6,2,3,'Share my results with confidence: present my own work at team and cross-functional meetings','Present more',3,'Yes. Start small (team demo), rehearse once, and build up to the ops weekly.');
INSERT INTO "goals" VALUES(7,3,1,'Set the evaluation and monitoring standard for the team''s forecasting models and get it adopted by both forecasting squads','Lead the forecasting roadmap',1,'Agreed, this is staff-level scope. Adoption by the other squad is the real test, so make it part of the goal.');
INSERT INTO "goals" VALUES(8,3,2,'Grow others: mentor Amara through her first model launch and run the team''s interview calibration','Mentor juniors and make our hiring fairer',2,'Both matter. Reopened in November: Farah is weighing the analytics-engineering lead role, so we will settle whether this goal changes before the 2027 cycle.');
INSERT INTO "goals" VALUES(9,4,1,'Lead the event-ingestion migration to streaming across the three consuming teams, with a design all of them sign off','Drive the streaming migration',1,'Yes. At staff level the sign-off from the other teams is as much the goal as the design.');
INSERT INTO "goals" VALUES(10,4,2,'Give an external talk on what we learned from the migration (meetup or conference) by Q4','Speak at a conference',2,'Good for visibility and for hiring. The ladder weighs influence inside the company more than talks; consider pairing it with an internal session.');
INSERT INTO "goals" VALUES(11,4,3,'Keep my open-source maintainer role sustainable: hand over release duties to a co-maintainer','Do less open-source release work at weekends',3,'Personal and valid, but outside the ladder. With one goal in three on the ladder, the staff expectations on mentoring and technical leadership are not covered; let''s revisit in Q2.');
INSERT INTO "goals" VALUES(12,5,1,'Ship smaller pull requests more often: good enough to review, not perfect before anyone sees it','Write perfect code',1,'Your quality bar is an asset; the cost is that reviews come late and big. Smaller, earlier pull requests keep the quality and cut the rework.');
INSERT INTO "goals" VALUES(13,5,2,'Own checkout latency: set a latency budget, add the dashboards and alerts, and bring p95 under target','Become the performance expert',2,'Yes, and make it ownership: a budget, alerts and the numbers, not just profiling sessions.');
INSERT INTO "goals" VALUES(14,5,3,'Make my work visible: demo finished work at the sprint review and write short design notes before building','Talk more in meetings',3,'Talking more is not the goal; being understood is. Demos and written notes play to your strengths.');
INSERT INTO "goals" VALUES(15,6,1,'Join the on-call rotation as primary by Q3, able to handle common notification-service incidents with the runbooks','Learn everything about our systems',1,'''Everything'' has no finish line. On-call gives you a reason to learn the systems that matter most, in order.');
INSERT INTO "goals" VALUES(16,6,2,'Ask for help earlier and learn in the open: pair with a teammate weekly and share what I learn at stand-up','Write better code',2,'Your code improves through review already. What slows you down most is staying stuck alone for days; let''s work on that.');
INSERT INTO "goals" VALUES(17,7,1,'Establish myself as a trusted data science partner in pricing','',1,'');
INSERT INTO "goals" VALUES(18,7,2,'Enhance my coding and architecture skills to meet next-level requirements','',2,'');
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
INSERT INTO "growth_plans" VALUES(1,'priya',2026,'employee','agreed');
INSERT INTO "growth_plans" VALUES(2,'amara',2026,'employee','agreed');
INSERT INTO "growth_plans" VALUES(3,'farah',2026,'employee','in_discussion');
INSERT INTO "growth_plans" VALUES(4,'tomas',2026,'employee','agreed');
INSERT INTO "growth_plans" VALUES(5,'jun',2026,'employee','agreed');
INSERT INTO "growth_plans" VALUES(6,'lucia',2026,'employee','agreed');
INSERT INTO "growth_plans" VALUES(7,'ana',2027,'employee','agreed');
CREATE TABLE key_results (
	id INTEGER NOT NULL, 
	objective_id INTEGER NOT NULL, 
	position INTEGER NOT NULL, 
	text TEXT NOT NULL, 
	target_date DATE, 
	outcome VARCHAR(20), 
	outcome_note TEXT NOT NULL, 
	PRIMARY KEY (id), 
	UNIQUE (objective_id, position), 
	FOREIGN KEY(objective_id) REFERENCES objectives (id) ON DELETE CASCADE
);
INSERT INTO "key_results" VALUES(1,1,1,'Publish a request intake form and a ranked backlog, reviewed with the lifecycle marketing lead by 2026-02-27','2026-02-27','met','Form live on 24 Feb; backlog reviewed with Dana (marketing lead) on 26 Feb.');
INSERT INTO "key_results" VALUES(2,1,2,'Decline or defer at least 3 low-value requests by 2026-03-31, each with a reason and a self-serve alternative, drafts shared with the manager before sending','2026-03-31','partly_met','Two deferrals sent; the third became a yes after the requester escalated. Habit carried into Q2.');
INSERT INTO "key_results" VALUES(3,2,1,'Re-analyse the January win-back campaign with a holdout comparison and get the write-up reviewed by Kwame Mensah (pricing data science) by 2026-03-27','2026-03-27','met','Reviewed by Kwame on 24 Mar; his main comment was on the pre-period length.');
INSERT INTO "key_results" VALUES(4,3,1,'Run a fortnightly prioritisation review with the lifecycle marketing lead from April to June (6 sessions), with every decision logged in the backlog','2026-06-26','met','6 of 6 held; Dana now brings her own ranking.');
INSERT INTO "key_results" VALUES(5,3,2,'Improve communication with stakeholders','2026-06-30','partly_met','Hard to call: we never said what ''improved'' would look like. Rewritten as a concrete KR in Q3.');
INSERT INTO "key_results" VALUES(6,4,1,'Design the holdout for the summer loyalty campaign with a pre-registered success metric and a power calculation, signed off by Kwame Mensah by 2026-05-15','2026-05-15','met','Signed off on 12 May; holdout of 8% agreed with marketing.');
INSERT INTO "key_results" VALUES(7,5,1,'Present the loyalty-campaign uplift analysis (difference-in-differences, with caveats) at the growth review on 2026-08-27, with feedback from the manager and two teammates before and after','2026-08-27','met','Presented on 27 Aug; growth lead asked to extend the campaign to two cities.');
INSERT INTO "key_results" VALUES(8,6,1,'Publish a campaign-analysis template (notebook and README) that a teammate runs on a new campaign without my help by 2026-09-25','2026-09-25','carried_over','Template published; Amara''s run slipped to October because of the forecasting release.');
INSERT INTO "key_results" VALUES(9,7,1,'Two campaign readouts in Q4 produced with the template by someone other than me, by 2026-12-11','2026-12-11',NULL,'');
INSERT INTO "key_results" VALUES(10,8,1,'Agree a Q1 2027 analysis roadmap of at most 5 items with the lifecycle marketing lead, signed off by 2026-12-16','2026-12-16',NULL,'');
INSERT INTO "key_results" VALUES(11,9,1,'Refactor the delivery-time exploration notebook into a package with unit tests for the 5 core features, merged after review by Farah by 2026-03-20','2026-03-20','met','Merged on 19 Mar; Farah reran it from a fresh checkout.');
INSERT INTO "key_results" VALUES(12,9,2,'Open at least 8 pull requests of under 300 changed lines each between 2026-02-01 and 2026-03-31','2026-03-31','met','11 pull requests, median 140 lines.');
INSERT INTO "key_results" VALUES(13,10,1,'Present the delivery-time data audit at the team demo on 2026-03-26 (10 minutes), after a rehearsal with the manager, and collect written feedback from two teammates','2026-03-26','met','Presented on 26 Mar; feedback: clear charts, slow down on the caveats.');
INSERT INTO "key_results" VALUES(14,11,1,'Write the model design doc (problem, metric, baseline, evaluation plan) with the team template and get a detailed review from Farah by 2026-05-08','2026-05-08','met','Reviewed on 6 May; metric changed from RMSE to MAE after ops feedback.');
INSERT INTO "key_results" VALUES(15,11,2,'Offline evaluation showing MAE at least 10% better than the rule-of-thumb baseline on the April holdout, reviewed with Farah and the manager by 2026-06-19','2026-06-19','partly_met','7% better than baseline; gap traced to missing weather data, added to Q3.');
INSERT INTO "key_results" VALUES(16,12,1,'Present delivery-time model progress at the cross-functional ops weekly by 2026-06-26, asking the manager and two teammates for feedback before and after','2026-06-26','not_met','Dry run with Priya done, but she handed the ops slot to Farah on 24 Jun. Talked about it; retry in Q3 with a trial run.');
INSERT INTO "key_results" VALUES(17,13,1,'Present the delivery-time model results at the ops weekly on 2026-07-23, after a trial run with the manager on 2026-07-21','2026-07-23','met','Presented on 23 Jul; the ops lead asked for a follow-up on rainy days. Amara: nerve-wracking for two minutes, then fine.');
INSERT INTO "key_results" VALUES(18,14,1,'Add weather features and bring offline MAE to at least 10% better than the baseline by 2026-09-18, signed off by Farah','2026-09-18','met','12% better; weather feed latency checked with data platform.');
INSERT INTO "key_results" VALUES(19,14,2,'Ship v1 behind a feature flag to one city with a monitoring dashboard by 2026-09-30','2026-09-30','carried_over','Flag launch slipped behind the checkout freeze; launching early Q4.');
INSERT INTO "key_results" VALUES(20,15,1,'Launch delivery-time v1 in two cities and review the first 4 weeks of monitoring with Farah by 2026-12-11','2026-12-11',NULL,'');
INSERT INTO "key_results" VALUES(21,16,1,'Run Priya''s campaign-analysis template on the holiday email test and file every unclear step as an issue by 2026-11-27','2026-11-27',NULL,'');
INSERT INTO "key_results" VALUES(22,17,1,'Publish a forecast evaluation standard (metrics, backtest windows, drift thresholds) reviewed by both forecasting squad leads by 2026-03-27','2026-03-27','met','Published on 25 Mar after two review rounds.');
INSERT INTO "key_results" VALUES(23,18,1,'Hold 10 weekly mentoring sessions with Amara by 2026-03-31 and agree her Q2 modelling scope with her','2026-03-31','met','10 sessions; Q2 scope agreed on 30 Mar.');
INSERT INTO "key_results" VALUES(24,19,1,'Both forecasting squads report backtests in the new standard format in their May model reviews (2026-05-29)','2026-05-29','partly_met','Our squad yes; the supply squad adopted the metrics but not the drift thresholds.');
INSERT INTO "key_results" VALUES(25,19,2,'Drift alerts live for the weekly demand forecast with a runbook, by 2026-06-19','2026-06-19','met','Live on 15 Jun; first alert handled with the runbook on 17 Jun.');
INSERT INTO "key_results" VALUES(26,20,1,'Run two interview calibration sessions with the 6 data science interviewers and publish the updated rubric by 2026-06-26','2026-06-26','met','Both sessions held; rubric published on 22 Jun.');
INSERT INTO "key_results" VALUES(27,21,1,'Pair with the supply squad lead to add drift thresholds to their pipeline, live by 2026-09-11','2026-09-11','not_met','Supply squad reprioritised to the warehouse launch and dropped the pairing. Escalated; the answer was ''after October''. Agreed to stop pushing this quarter.');
INSERT INTO "key_results" VALUES(28,22,1,'Review Amara''s launch plan and monitoring dashboard before the 2026-09-30 flag launch','2026-09-30','carried_over','Plan reviewed; the launch itself moved to Q4 with the checkout freeze.');
INSERT INTO "key_results" VALUES(29,23,1,'Add the evaluation checklist to the model review template and use it in all 3 Q4 model reviews by 2026-12-11','2026-12-11',NULL,'');
INSERT INTO "key_results" VALUES(30,24,1,'Co-run the 4-week monitoring review of delivery-time v1 with Amara by 2026-12-11','2026-12-11',NULL,'');
INSERT INTO "key_results" VALUES(31,25,1,'Design doc for the streaming ingestion migration signed off by the leads of checkout, notifications and data platform by 2026-03-13','2026-03-13','met','All three signed off on 11 Mar.');
INSERT INTO "key_results" VALUES(32,25,2,'Run a failure-mode review (game day) of the prototype with the on-call engineers by 2026-03-27 and publish the findings','2026-03-27','met','Game day on 24 Mar; 2 bugs found before production.');
INSERT INTO "key_results" VALUES(33,26,1,'Submit a talk proposal to two meetups or conferences by 2026-03-31','2026-03-31','met','Submitted to the city data-engineering meetup and one conference.');
INSERT INTO "key_results" VALUES(34,27,1,'Notifications service consuming from the stream in production with zero lost events over 14 days, by 2026-06-12','2026-06-12','met','Cut over on 26 May; zero lost events in 14 days.');
INSERT INTO "key_results" VALUES(35,28,1,'Co-maintainer cuts the next two library releases with me only reviewing, by 2026-06-30','2026-06-30','partly_met','One release done; the second slipped when the co-maintainer changed jobs.');
INSERT INTO "key_results" VALUES(36,29,1,'Checkout consuming from the stream with p99 end-to-end lag under 2 s for 14 days by 2026-09-18','2026-09-18','carried_over','Lag target met in staging; the production cutover moved after the checkout freeze.');
INSERT INTO "key_results" VALUES(37,30,1,'Give a 20-minute dry run of the accepted meetup talk at the engineering all-hands by 2026-09-24 and collect written feedback from 3 people','2026-09-24','met','Dry run on 24 Sep; 5 written responses.');
INSERT INTO "key_results" VALUES(38,31,1,'Checkout cutover in production and the legacy ingestion job switched off by 2026-12-04','2026-12-04',NULL,'');
INSERT INTO "key_results" VALUES(39,31,2,'Present the migration retrospective at the architecture forum by 2026-12-16','2026-12-16',NULL,'');
INSERT INTO "key_results" VALUES(40,32,1,'Deliver the talk at the city data-engineering meetup on 2026-11-12 and publish the slides on the engineering blog by 2026-11-30','2026-11-30',NULL,'');
INSERT INTO "key_results" VALUES(41,33,1,'Median pull request size under 300 changed lines across February and March (repo stats on 2026-03-31)','2026-03-31','partly_met','Median 340 lines, down from 900 in Q4 2025.');
INSERT INTO "key_results" VALUES(42,33,2,'Write better code reviews','2026-03-31','partly_met','No bar was set, so we cannot say. Replaced by a measurable KR in Q2.');
INSERT INTO "key_results" VALUES(43,34,1,'Agree a p95 latency budget of 400 ms for checkout with the product manager and publish a dashboard with alerts by 2026-05-15','2026-05-15','met','Budget agreed on 28 Apr; dashboard and alerts live on 12 May.');
INSERT INTO "key_results" VALUES(44,34,2,'Bring checkout p95 under 400 ms for 4 consecutive weeks by 2026-06-26','2026-06-26','met','p95 at 360-380 ms for the last 5 weeks of the quarter.');
INSERT INTO "key_results" VALUES(45,35,1,'Give 20 reviews between April and June where at least half include a concrete suggestion, checked on a sample of 5 with Tomás by 2026-06-30','2026-06-30','met','24 reviews; Tomás found 4 of 5 sampled ones specific and kind.');
INSERT INTO "key_results" VALUES(46,36,1,'Demo the latency work at two sprint reviews (July and September) and ask the product manager for one piece of feedback each time','2026-09-25','met','Demos on 22 Jul and 23 Sep.');
INSERT INTO "key_results" VALUES(47,36,2,'Write a one-page design note before starting the checkout retry change and get comments from 2 engineers by 2026-08-14','2026-08-14','met','Note reviewed by Tomás and Lucía on 12 Aug.');
INSERT INTO "key_results" VALUES(48,37,1,'Keep checkout p95 under 400 ms during the checkout freeze (2026-09-01 to 2026-09-30) with no latency incident','2026-09-30','not_met','One incident on 17 Sep (p95 620 ms for three hours, a cache misconfiguration); Jun led the post-mortem.');
INSERT INTO "key_results" VALUES(49,38,1,'Write and present the design for checkout retries at the team design review by 2026-11-13','2026-11-13',NULL,'');
INSERT INTO "key_results" VALUES(50,39,1,'Ship the 3 post-mortem actions from the September incident by 2026-11-27','2026-11-27',NULL,'');
INSERT INTO "key_results" VALUES(51,40,1,'Use a 60-minute timebox and post at least 2 questions a week in the team channel with what I tried, from February to March (tracked in a weekly note)','2026-03-31','partly_met','Hit the target in 6 of 8 weeks.');
INSERT INTO "key_results" VALUES(52,40,2,'Pair with Jun for one hour every week from February to March (8 sessions)','2026-03-27','met','8 of 8 sessions.');
INSERT INTO "key_results" VALUES(53,41,1,'Shadow 2 on-call weeks and write up one incident timeline, reviewed by Tomás by 2026-03-27','2026-03-27','met','Timeline of the 9 Mar delay incident reviewed on 25 Mar.');
INSERT INTO "key_results" VALUES(54,42,1,'Get more comfortable with on-call','2026-06-30','partly_met','She feels more comfortable, but we had no way to check. The Q3 KR says exactly what ''ready'' means.');
INSERT INTO "key_results" VALUES(55,42,2,'Fix 3 stale runbook pages found during shadow shifts, reviewed by the on-call lead by 2026-06-19','2026-06-19','met','4 pages fixed.');
INSERT INTO "key_results" VALUES(56,43,1,'Share one thing I learned at stand-up every other week from April to June (6 shares)','2026-06-26','met','6 shares; two teammates asked follow-up questions.');
INSERT INTO "key_results" VALUES(57,44,1,'Complete 2 primary on-call weeks with Tomás as secondary by 2026-09-25 and resolve at least one alert end to end with the runbook','2026-09-25','met','Two weeks done; resolved the delivery-delay alert on 15 Sep herself.');
INSERT INTO "key_results" VALUES(58,45,1,'Take a primary on-call week with a regular secondary and write the follow-up actions for every page by 2026-12-11','2026-12-11',NULL,'');
INSERT INTO "key_results" VALUES(59,46,1,'Write the notification-service setup guide for the January new hire and have it tested end to end on a fresh laptop by 2026-12-18','2026-12-18',NULL,'');
INSERT INTO "key_results" VALUES(60,47,1,'Deliver a presentation at the cross-functional weekly meeting and ask the manager and two teammates for feedback before and after',NULL,NULL,'');
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
INSERT INTO "kr_statuses" VALUES(1,13,51,'on_track','1 question a week');
INSERT INTO "kr_statuses" VALUES(2,13,52,'on_track','3 sessions');
INSERT INTO "kr_statuses" VALUES(3,13,53,'on_track','first shadow week');
INSERT INTO "kr_statuses" VALUES(4,14,1,'on_track','form drafted');
INSERT INTO "kr_statuses" VALUES(5,14,2,'on_track','none sent yet');
INSERT INTO "kr_statuses" VALUES(6,14,3,'on_track','reading the holdout design');
INSERT INTO "kr_statuses" VALUES(7,15,11,'on_track','package skeleton');
INSERT INTO "kr_statuses" VALUES(8,15,12,'on_track','3 opened');
INSERT INTO "kr_statuses" VALUES(9,15,13,'on_track','slot booked');
INSERT INTO "kr_statuses" VALUES(10,16,22,'on_track','draft outline');
INSERT INTO "kr_statuses" VALUES(11,16,23,'on_track','4 sessions');
INSERT INTO "kr_statuses" VALUES(12,17,31,'on_track','draft written');
INSERT INTO "kr_statuses" VALUES(13,17,32,'on_track','scenarios written');
INSERT INTO "kr_statuses" VALUES(14,17,33,'on_track','abstract drafted');
INSERT INTO "kr_statuses" VALUES(15,18,41,'on_track','median 610');
INSERT INTO "kr_statuses" VALUES(16,18,42,'on_track','on schedule');
INSERT INTO "kr_statuses" VALUES(17,19,51,'at_risk','three days stuck before asking');
INSERT INTO "kr_statuses" VALUES(18,19,52,'on_track','on schedule');
INSERT INTO "kr_statuses" VALUES(19,19,53,'on_track','on schedule');
INSERT INTO "kr_statuses" VALUES(20,20,1,'on_track','on schedule');
INSERT INTO "kr_statuses" VALUES(21,20,2,'on_track','progressing');
INSERT INTO "kr_statuses" VALUES(22,20,3,'on_track','');
INSERT INTO "kr_statuses" VALUES(23,21,11,'on_track','on schedule');
INSERT INTO "kr_statuses" VALUES(24,21,12,'on_track','');
INSERT INTO "kr_statuses" VALUES(25,21,13,'on_track','');
INSERT INTO "kr_statuses" VALUES(26,22,22,'on_track','moving; nothing needed from me');
INSERT INTO "kr_statuses" VALUES(27,22,23,'on_track','on schedule');
INSERT INTO "kr_statuses" VALUES(28,23,31,'on_track','progressing');
INSERT INTO "kr_statuses" VALUES(29,23,32,'on_track','on track after a busy week');
INSERT INTO "kr_statuses" VALUES(30,23,33,'on_track','on schedule');
INSERT INTO "kr_statuses" VALUES(31,24,41,'at_risk','one huge PR open for two weeks');
INSERT INTO "kr_statuses" VALUES(32,24,42,'on_track','');
INSERT INTO "kr_statuses" VALUES(33,25,51,'at_risk','behind; agreed to cut scope');
INSERT INTO "kr_statuses" VALUES(34,25,52,'on_track','progressing');
INSERT INTO "kr_statuses" VALUES(35,25,53,'on_track','second shadow week');
INSERT INTO "kr_statuses" VALUES(36,26,1,'done','done');
INSERT INTO "kr_statuses" VALUES(37,26,2,'at_risk','first deferral is the hard one; trial run agreed');
INSERT INTO "kr_statuses" VALUES(38,26,3,'on_track','analysis running');
INSERT INTO "kr_statuses" VALUES(39,27,11,'on_track','3 of 5 features tested');
INSERT INTO "kr_statuses" VALUES(40,27,12,'on_track','progressing');
INSERT INTO "kr_statuses" VALUES(41,27,13,'at_risk','wants to skip; rehearsal agreed');
INSERT INTO "kr_statuses" VALUES(42,28,22,'on_track','draft with both leads');
INSERT INTO "kr_statuses" VALUES(43,28,23,'on_track','8 sessions');
INSERT INTO "kr_statuses" VALUES(44,29,31,'on_track','review with data platform');
INSERT INTO "kr_statuses" VALUES(45,29,32,'on_track','game day booked');
INSERT INTO "kr_statuses" VALUES(46,29,33,'on_track','');
INSERT INTO "kr_statuses" VALUES(47,30,41,'at_risk','median 420');
INSERT INTO "kr_statuses" VALUES(48,30,42,'at_risk','behind; agreed to cut scope');
INSERT INTO "kr_statuses" VALUES(49,31,51,'at_risk','2 a week since the trial run');
INSERT INTO "kr_statuses" VALUES(50,31,52,'on_track','6 sessions');
INSERT INTO "kr_statuses" VALUES(51,31,53,'on_track','on schedule');
INSERT INTO "kr_statuses" VALUES(52,32,2,'at_risk','at risk; next step agreed in the 1:1');
INSERT INTO "kr_statuses" VALUES(53,32,3,'on_track','on schedule');
INSERT INTO "kr_statuses" VALUES(54,33,11,'done','done');
INSERT INTO "kr_statuses" VALUES(55,33,12,'on_track','7 opened');
INSERT INTO "kr_statuses" VALUES(56,33,13,'on_track','slides drafted');
INSERT INTO "kr_statuses" VALUES(57,34,22,'done','second review round');
INSERT INTO "kr_statuses" VALUES(58,34,23,'done','8 sessions');
INSERT INTO "kr_statuses" VALUES(59,35,31,'done','checkout''s concerns addressed');
INSERT INTO "kr_statuses" VALUES(60,35,32,'done','game day booked');
INSERT INTO "kr_statuses" VALUES(61,35,33,'done','abstract drafted');
INSERT INTO "kr_statuses" VALUES(62,36,41,'at_risk','median 340');
INSERT INTO "kr_statuses" VALUES(63,36,42,'at_risk','at risk; next step agreed in the 1:1');
INSERT INTO "kr_statuses" VALUES(64,37,51,'at_risk','at risk; next step agreed in the 1:1');
INSERT INTO "kr_statuses" VALUES(65,37,52,'done','6 sessions');
INSERT INTO "kr_statuses" VALUES(66,37,53,'done','timeline drafted');
INSERT INTO "kr_statuses" VALUES(67,38,2,'at_risk','two sent, third escalated');
INSERT INTO "kr_statuses" VALUES(68,38,3,'done','write-up with Kwame');
INSERT INTO "kr_statuses" VALUES(69,39,12,'done','7 opened');
INSERT INTO "kr_statuses" VALUES(70,39,13,'done','slides drafted');
INSERT INTO "kr_statuses" VALUES(71,40,24,'on_track','our squad on board');
INSERT INTO "kr_statuses" VALUES(72,40,25,'on_track','thresholds chosen');
INSERT INTO "kr_statuses" VALUES(73,40,26,'on_track','data from recruiting');
INSERT INTO "kr_statuses" VALUES(74,41,34,'on_track','consumer in staging');
INSERT INTO "kr_statuses" VALUES(75,41,35,'on_track','release checklist written');
INSERT INTO "kr_statuses" VALUES(76,42,43,'on_track','budget proposed');
INSERT INTO "kr_statuses" VALUES(77,42,44,'on_track','p95 at 520 ms');
INSERT INTO "kr_statuses" VALUES(78,42,45,'on_track','8 reviews');
INSERT INTO "kr_statuses" VALUES(79,43,54,'on_track','progressing');
INSERT INTO "kr_statuses" VALUES(80,43,55,'on_track','1 page fixed');
INSERT INTO "kr_statuses" VALUES(81,43,56,'on_track','2 shares');
INSERT INTO "kr_statuses" VALUES(82,44,4,'on_track','first two sessions held');
INSERT INTO "kr_statuses" VALUES(83,44,5,'on_track','');
INSERT INTO "kr_statuses" VALUES(84,44,6,'on_track','power calculation drafted');
INSERT INTO "kr_statuses" VALUES(85,45,14,'on_track','template filled in');
INSERT INTO "kr_statuses" VALUES(86,45,15,'on_track','baseline computed');
INSERT INTO "kr_statuses" VALUES(87,45,16,'on_track','slides drafted');
INSERT INTO "kr_statuses" VALUES(88,46,24,'on_track','on track after a busy week');
INSERT INTO "kr_statuses" VALUES(89,46,25,'on_track','on track after a busy week');
INSERT INTO "kr_statuses" VALUES(90,46,26,'on_track','moving; nothing needed from me');
INSERT INTO "kr_statuses" VALUES(91,47,43,'on_track','moving; nothing needed from me');
INSERT INTO "kr_statuses" VALUES(92,47,44,'on_track','on schedule');
INSERT INTO "kr_statuses" VALUES(93,47,45,'on_track','progressing');
INSERT INTO "kr_statuses" VALUES(94,48,54,'on_track','progressing');
INSERT INTO "kr_statuses" VALUES(95,48,55,'on_track','on track after a busy week');
INSERT INTO "kr_statuses" VALUES(96,48,56,'on_track','progressing');
INSERT INTO "kr_statuses" VALUES(97,49,4,'on_track','');
INSERT INTO "kr_statuses" VALUES(98,49,5,'on_track','');
INSERT INTO "kr_statuses" VALUES(99,49,6,'on_track','on track after a busy week');
INSERT INTO "kr_statuses" VALUES(100,50,14,'on_track','moving; nothing needed from me');
INSERT INTO "kr_statuses" VALUES(101,50,15,'on_track','');
INSERT INTO "kr_statuses" VALUES(102,50,16,'on_track','progressing');
INSERT INTO "kr_statuses" VALUES(103,51,24,'on_track','moving; nothing needed from me');
INSERT INTO "kr_statuses" VALUES(104,51,25,'on_track','on schedule');
INSERT INTO "kr_statuses" VALUES(105,51,26,'on_track','on track after a busy week');
INSERT INTO "kr_statuses" VALUES(106,52,34,'at_risk','scope creep from checkout');
INSERT INTO "kr_statuses" VALUES(107,52,35,'on_track','moving; nothing needed from me');
INSERT INTO "kr_statuses" VALUES(108,53,43,'on_track','');
INSERT INTO "kr_statuses" VALUES(109,53,44,'on_track','cache fix shipped, 430 ms');
INSERT INTO "kr_statuses" VALUES(110,53,45,'on_track','on track after a busy week');
INSERT INTO "kr_statuses" VALUES(111,54,54,'at_risk','behind; agreed to cut scope');
INSERT INTO "kr_statuses" VALUES(112,54,55,'on_track','on track after a busy week');
INSERT INTO "kr_statuses" VALUES(113,54,56,'on_track','');
INSERT INTO "kr_statuses" VALUES(114,55,4,'on_track','four held');
INSERT INTO "kr_statuses" VALUES(115,55,5,'at_risk','at risk; next step agreed in the 1:1');
INSERT INTO "kr_statuses" VALUES(116,55,6,'done','done');
INSERT INTO "kr_statuses" VALUES(117,56,14,'done','done');
INSERT INTO "kr_statuses" VALUES(118,56,15,'at_risk','first model 4% better');
INSERT INTO "kr_statuses" VALUES(119,56,16,'at_risk','at risk; next step agreed in the 1:1');
INSERT INTO "kr_statuses" VALUES(120,57,24,'at_risk','supply squad: metrics only');
INSERT INTO "kr_statuses" VALUES(121,57,25,'on_track','alerts in staging');
INSERT INTO "kr_statuses" VALUES(122,57,26,'on_track','first session held');
INSERT INTO "kr_statuses" VALUES(123,58,34,'on_track','shadow traffic');
INSERT INTO "kr_statuses" VALUES(124,58,35,'at_risk','behind; agreed to cut scope');
INSERT INTO "kr_statuses" VALUES(125,59,43,'done','dashboard drafted');
INSERT INTO "kr_statuses" VALUES(126,59,44,'on_track','');
INSERT INTO "kr_statuses" VALUES(127,59,45,'on_track','17 reviews');
INSERT INTO "kr_statuses" VALUES(128,60,54,'at_risk','slipping: project work took the fortnight');
INSERT INTO "kr_statuses" VALUES(129,60,55,'on_track','3 pages in review');
INSERT INTO "kr_statuses" VALUES(130,60,56,'on_track','4 shares');
INSERT INTO "kr_statuses" VALUES(131,61,4,'on_track','on track after a busy week');
INSERT INTO "kr_statuses" VALUES(132,61,5,'at_risk','at risk; next step agreed in the 1:1');
INSERT INTO "kr_statuses" VALUES(133,62,15,'at_risk','behind; agreed to cut scope');
INSERT INTO "kr_statuses" VALUES(134,62,16,'at_risk','dry run booked');
INSERT INTO "kr_statuses" VALUES(135,63,24,'at_risk','behind; agreed to cut scope');
INSERT INTO "kr_statuses" VALUES(136,63,25,'on_track','');
INSERT INTO "kr_statuses" VALUES(137,63,26,'on_track','on track after a busy week');
INSERT INTO "kr_statuses" VALUES(138,64,34,'on_track','on track after a busy week');
INSERT INTO "kr_statuses" VALUES(139,64,35,'at_risk','first release cut');
INSERT INTO "kr_statuses" VALUES(140,65,44,'on_track','under 400 ms for 3 weeks');
INSERT INTO "kr_statuses" VALUES(141,65,45,'on_track','on track after a busy week');
INSERT INTO "kr_statuses" VALUES(142,66,54,'at_risk','at risk; next step agreed in the 1:1');
INSERT INTO "kr_statuses" VALUES(143,66,55,'done','3 pages in review');
INSERT INTO "kr_statuses" VALUES(144,66,56,'done','4 shares');
INSERT INTO "kr_statuses" VALUES(145,67,4,'done','five held, last booked');
INSERT INTO "kr_statuses" VALUES(146,67,5,'at_risk','slipping: project work took the fortnight');
INSERT INTO "kr_statuses" VALUES(147,68,15,'at_risk','7% better, weather missing');
INSERT INTO "kr_statuses" VALUES(148,68,16,'at_risk','dry run booked; nervous');
INSERT INTO "kr_statuses" VALUES(149,69,24,'at_risk','at risk; next step agreed in the 1:1');
INSERT INTO "kr_statuses" VALUES(150,69,25,'done','alerts in staging');
INSERT INTO "kr_statuses" VALUES(151,69,26,'done','first session held');
INSERT INTO "kr_statuses" VALUES(152,70,34,'done','cut over');
INSERT INTO "kr_statuses" VALUES(153,70,35,'at_risk','at risk; next step agreed in the 1:1');
INSERT INTO "kr_statuses" VALUES(154,71,44,'done','under 400 ms for 3 weeks');
INSERT INTO "kr_statuses" VALUES(155,71,45,'done','17 reviews');
INSERT INTO "kr_statuses" VALUES(156,72,57,'on_track','weeks booked');
INSERT INTO "kr_statuses" VALUES(157,73,7,'on_track','analysis in progress');
INSERT INTO "kr_statuses" VALUES(158,73,8,'on_track','template skeleton');
INSERT INTO "kr_statuses" VALUES(159,74,17,'on_track','slot confirmed');
INSERT INTO "kr_statuses" VALUES(160,74,18,'on_track','weather feed access');
INSERT INTO "kr_statuses" VALUES(161,74,19,'on_track','endpoint changes in review');
INSERT INTO "kr_statuses" VALUES(162,75,27,'on_track','pairing proposed');
INSERT INTO "kr_statuses" VALUES(163,75,28,'on_track','launch plan drafted by Amara');
INSERT INTO "kr_statuses" VALUES(164,76,36,'on_track','load test plan');
INSERT INTO "kr_statuses" VALUES(165,76,37,'on_track','outline');
INSERT INTO "kr_statuses" VALUES(166,77,46,'on_track','July demo prepared');
INSERT INTO "kr_statuses" VALUES(167,77,47,'on_track','note drafted');
INSERT INTO "kr_statuses" VALUES(168,77,48,'on_track','alert routes checked');
INSERT INTO "kr_statuses" VALUES(169,78,57,'on_track','moving; nothing needed from me');
INSERT INTO "kr_statuses" VALUES(170,79,7,'on_track','');
INSERT INTO "kr_statuses" VALUES(171,79,8,'on_track','on schedule');
INSERT INTO "kr_statuses" VALUES(172,80,17,'done','done');
INSERT INTO "kr_statuses" VALUES(173,80,18,'on_track','on track after a busy week');
INSERT INTO "kr_statuses" VALUES(174,80,19,'on_track','on schedule');
INSERT INTO "kr_statuses" VALUES(175,81,27,'on_track','on track after a busy week');
INSERT INTO "kr_statuses" VALUES(176,81,28,'on_track','on track after a busy week');
INSERT INTO "kr_statuses" VALUES(177,82,36,'on_track','on track after a busy week');
INSERT INTO "kr_statuses" VALUES(178,82,37,'on_track','progressing');
INSERT INTO "kr_statuses" VALUES(179,83,46,'on_track','');
INSERT INTO "kr_statuses" VALUES(180,83,47,'on_track','');
INSERT INTO "kr_statuses" VALUES(181,83,48,'on_track','progressing');
INSERT INTO "kr_statuses" VALUES(182,84,57,'on_track','first week done');
INSERT INTO "kr_statuses" VALUES(183,85,18,'on_track','');
INSERT INTO "kr_statuses" VALUES(184,85,19,'on_track','');
INSERT INTO "kr_statuses" VALUES(185,86,27,'blocked','supply squad dropped the pairing');
INSERT INTO "kr_statuses" VALUES(186,86,28,'on_track','moving; nothing needed from me');
INSERT INTO "kr_statuses" VALUES(187,87,36,'on_track','staging lag 1.4 s');
INSERT INTO "kr_statuses" VALUES(188,87,37,'on_track','moving; nothing needed from me');
INSERT INTO "kr_statuses" VALUES(189,88,46,'on_track','July demo done');
INSERT INTO "kr_statuses" VALUES(190,88,47,'done','note drafted');
INSERT INTO "kr_statuses" VALUES(191,88,48,'on_track','on schedule');
INSERT INTO "kr_statuses" VALUES(192,89,57,'on_track','');
INSERT INTO "kr_statuses" VALUES(193,90,7,'on_track','slides drafted');
INSERT INTO "kr_statuses" VALUES(194,90,8,'on_track','README written');
INSERT INTO "kr_statuses" VALUES(195,91,18,'on_track','features built');
INSERT INTO "kr_statuses" VALUES(196,91,19,'at_risk','dashboard drafted');
INSERT INTO "kr_statuses" VALUES(197,92,27,'at_risk','waiting for the supply lead');
INSERT INTO "kr_statuses" VALUES(198,92,28,'at_risk','plan reviewed');
INSERT INTO "kr_statuses" VALUES(199,93,36,'at_risk','slipping: project work took the fortnight');
INSERT INTO "kr_statuses" VALUES(200,93,37,'on_track','slides drafted');
INSERT INTO "kr_statuses" VALUES(201,94,46,'on_track','moving; nothing needed from me');
INSERT INTO "kr_statuses" VALUES(202,94,48,'at_risk','incident on 17 Sep');
INSERT INTO "kr_statuses" VALUES(203,95,7,'done','done');
INSERT INTO "kr_statuses" VALUES(204,95,8,'at_risk','behind; agreed to cut scope');
INSERT INTO "kr_statuses" VALUES(205,96,18,'on_track','on track after a busy week');
INSERT INTO "kr_statuses" VALUES(206,96,19,'at_risk','at risk; next step agreed in the 1:1');
INSERT INTO "kr_statuses" VALUES(207,97,27,'at_risk','behind; agreed to cut scope');
INSERT INTO "kr_statuses" VALUES(208,97,28,'at_risk','behind; agreed to cut scope');
INSERT INTO "kr_statuses" VALUES(209,98,36,'at_risk','waiting for the freeze');
INSERT INTO "kr_statuses" VALUES(210,98,37,'on_track','on schedule');
INSERT INTO "kr_statuses" VALUES(211,99,46,'on_track','September demo booked');
INSERT INTO "kr_statuses" VALUES(212,99,48,'at_risk','at risk; next step agreed in the 1:1');
INSERT INTO "kr_statuses" VALUES(213,100,57,'on_track','second week done');
INSERT INTO "kr_statuses" VALUES(214,101,8,'at_risk','waiting on Amara''s run');
INSERT INTO "kr_statuses" VALUES(215,102,18,'done','evaluation with Farah');
INSERT INTO "kr_statuses" VALUES(216,102,19,'at_risk','waiting for the freeze to lift');
INSERT INTO "kr_statuses" VALUES(217,103,36,'at_risk','slipping: project work took the fortnight');
INSERT INTO "kr_statuses" VALUES(218,103,37,'done','slides drafted');
INSERT INTO "kr_statuses" VALUES(219,104,46,'done','September demo booked');
INSERT INTO "kr_statuses" VALUES(220,104,48,'at_risk','at risk; next step agreed in the 1:1');
INSERT INTO "kr_statuses" VALUES(221,105,57,'done','second week done');
INSERT INTO "kr_statuses" VALUES(222,106,8,'at_risk','slipping: project work took the fortnight');
INSERT INTO "kr_statuses" VALUES(223,107,19,'at_risk','behind; agreed to cut scope');
INSERT INTO "kr_statuses" VALUES(224,108,27,'blocked','stuck on another team''s priorities');
INSERT INTO "kr_statuses" VALUES(225,108,28,'at_risk','slipping: project work took the fortnight');
INSERT INTO "kr_statuses" VALUES(226,109,38,'on_track','cutover scheduled');
INSERT INTO "kr_statuses" VALUES(227,109,39,'on_track','retrospective drafted');
INSERT INTO "kr_statuses" VALUES(228,109,40,'on_track','slides final');
INSERT INTO "kr_statuses" VALUES(229,110,49,'on_track','draft outline');
INSERT INTO "kr_statuses" VALUES(230,110,50,'on_track','1 of 3 shipped');
INSERT INTO "kr_statuses" VALUES(231,111,58,'on_track','week booked');
INSERT INTO "kr_statuses" VALUES(232,111,59,'on_track','outline');
INSERT INTO "kr_statuses" VALUES(233,112,9,'on_track','two readouts picked');
INSERT INTO "kr_statuses" VALUES(234,112,10,'on_track','requests collected');
INSERT INTO "kr_statuses" VALUES(235,113,20,'on_track','first city live');
INSERT INTO "kr_statuses" VALUES(236,113,21,'on_track','data pulled');
INSERT INTO "kr_statuses" VALUES(237,114,29,'on_track','checklist in the template');
INSERT INTO "kr_statuses" VALUES(238,114,30,'on_track','launch done');
INSERT INTO "kr_statuses" VALUES(239,115,38,'on_track','');
INSERT INTO "kr_statuses" VALUES(240,115,39,'on_track','');
INSERT INTO "kr_statuses" VALUES(241,115,40,'on_track','on schedule');
INSERT INTO "kr_statuses" VALUES(242,116,49,'on_track','on track after a busy week');
INSERT INTO "kr_statuses" VALUES(243,116,50,'at_risk','slipping: project work took the fortnight');
INSERT INTO "kr_statuses" VALUES(244,117,58,'on_track','moving; nothing needed from me');
INSERT INTO "kr_statuses" VALUES(245,117,59,'on_track','on schedule');
INSERT INTO "kr_statuses" VALUES(246,118,9,'on_track','moving; nothing needed from me');
INSERT INTO "kr_statuses" VALUES(247,118,10,'on_track','progressing');
INSERT INTO "kr_statuses" VALUES(248,119,20,'on_track','on track after a busy week');
INSERT INTO "kr_statuses" VALUES(249,119,21,'on_track','');
INSERT INTO "kr_statuses" VALUES(250,120,29,'on_track','progressing');
INSERT INTO "kr_statuses" VALUES(251,120,30,'on_track','progressing');
INSERT INTO "kr_statuses" VALUES(252,121,38,'on_track','checkout on the stream');
INSERT INTO "kr_statuses" VALUES(253,121,39,'at_risk','slipping: project work took the fortnight');
INSERT INTO "kr_statuses" VALUES(254,121,40,'on_track','rehearsed with the team');
INSERT INTO "kr_statuses" VALUES(255,122,58,'on_track','on-call week done');
INSERT INTO "kr_statuses" VALUES(256,122,59,'at_risk','guide drafted');
INSERT INTO "kr_statuses" VALUES(257,123,9,'at_risk','first readout done by Amara');
INSERT INTO "kr_statuses" VALUES(258,123,10,'on_track','draft ranked');
INSERT INTO "kr_statuses" VALUES(259,124,20,'on_track','second city live');
INSERT INTO "kr_statuses" VALUES(260,124,21,'on_track','template run, 4 issues filed');
INSERT INTO "kr_statuses" VALUES(261,125,29,'on_track','2 of 3 reviews done');
INSERT INTO "kr_statuses" VALUES(262,125,30,'on_track','review booked');
INSERT INTO "kr_statuses" VALUES(263,126,38,'on_track','moving; nothing needed from me');
INSERT INTO "kr_statuses" VALUES(264,126,39,'at_risk','no forum slot yet');
INSERT INTO "kr_statuses" VALUES(265,126,40,'on_track','on schedule');
INSERT INTO "kr_statuses" VALUES(266,127,58,'done','on-call week done');
INSERT INTO "kr_statuses" VALUES(267,127,59,'at_risk','tester changed: Jun away');
INSERT INTO "kr_statuses" VALUES(268,128,9,'at_risk','second waiting on data');
INSERT INTO "kr_statuses" VALUES(269,128,10,'on_track','progressing');
INSERT INTO "kr_statuses" VALUES(270,129,20,'on_track','4-week review booked');
INSERT INTO "kr_statuses" VALUES(271,129,21,'done','template run, 4 issues filed');
INSERT INTO "kr_statuses" VALUES(272,130,29,'on_track','on track after a busy week');
INSERT INTO "kr_statuses" VALUES(273,130,30,'on_track','on schedule');
INSERT INTO "kr_statuses" VALUES(274,131,38,'done','legacy job off');
INSERT INTO "kr_statuses" VALUES(275,131,39,'blocked','waiting on the manager''s request for a forum slot');
INSERT INTO "kr_statuses" VALUES(276,131,40,'done','talk given, blog post published');
INSERT INTO "kr_statuses" VALUES(277,132,60,'on_track','Draft ready');
CREATE TABLE meta (
	"key" VARCHAR(100) NOT NULL, 
	value TEXT NOT NULL, 
	PRIMARY KEY ("key")
);
INSERT INTO "meta" VALUES('application','career-conversation-workbook');
INSERT INTO "meta" VALUES('schema_version','3');
INSERT INTO "meta" VALUES('demo.as_of','2026-12-18');
INSERT INTO "meta" VALUES('limit.max_goals','4');
INSERT INTO "meta" VALUES('ladder_folders','["/tmp/wb-v3-fixture/ladders"]');
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
INSERT INTO "notes" VALUES(1,'lucia','2026-01-05','push','feedback','review','Annual review (first year): strong work ethic, careful with customer data. Growth: stays stuck alone too long; ready to learn on-call.','shared','',NULL,0);
INSERT INTO "notes" VALUES(2,'lucia','2026-01-05','pull','self-assessment','review','Believes she has to ''catch up'' with people who have CS degrees and that questions expose it.','shared','',NULL,0);
INSERT INTO "notes" VALUES(3,'priya','2026-01-05','push','feedback','review','Annual review: the strongest analyses on the team this year (the churn-driver study changed the Q4 roadmap). Growth area: says yes to every small request and gets pulled in many directions; the next level needs her to own priorities with partners.','shared','',NULL,0);
INSERT INTO "notes" VALUES(4,'priya','2026-01-05','pull','self-assessment','review','Asked how that landed: agrees about the requests; feels ''slow'' because she switches context all day and thinks the fix is to multitask better.','shared','',NULL,0);
INSERT INTO "notes" VALUES(5,'amara','2026-01-06','push','feedback','review','Annual review (first five months): fast learner, strong statistics. Growth: code others can rerun and review, documentation, and speaking up in team meetings.','shared','',NULL,0);
INSERT INTO "notes" VALUES(6,'amara','2026-01-06','pull','self-assessment','review','She rates modelling as her weakness and sees code style as ''cosmetic''. Explored: she had not seen how often her notebooks broke for others.','shared','',NULL,0);
INSERT INTO "notes" VALUES(7,'farah','2026-01-07','push','feedback','review','Annual review: the forecasting rebuild was excellent. Growth for staff: influence beyond our squad and standards others adopt.','shared','',NULL,0);
INSERT INTO "notes" VALUES(8,'farah','2026-01-07','pull','goals','review','Wants the staff path, not management, at least for the next two years.','shared','',NULL,0);
INSERT INTO "notes" VALUES(9,'tomas','2026-01-08','push','feedback','review','Annual review: the technical anchor of the platform. Growth for staff: cross-team influence and growing other engineers.','shared','',NULL,0);
INSERT INTO "notes" VALUES(10,'tomas','2026-01-08','pull','self-assessment','review','Agrees on cross-team influence, less on mentoring: ''I help people all the time''. True, but informally and invisibly.','shared','',NULL,0);
INSERT INTO "notes" VALUES(11,'jun','2026-01-09','push','feedback','review','Annual review: the highest code quality on the team. Growth: big pull requests slow reviews, and his work is not visible outside the team.','shared','',NULL,0);
INSERT INTO "notes" VALUES(12,'jun','2026-01-09','pull','self-assessment','review','He thinks reviews are slow because reviewers need time for big changes, not because the changes are big.','shared','',NULL,0);
INSERT INTO "notes" VALUES(13,'priya','2026-01-14','pull','interests','water cooler','Over coffee: has been working through an online course on difference-in-differences at weekends. Lit up talking about ''did the campaign actually cause it''.','shared','Think of who does causal work here','2026-01-19',0);
INSERT INTO "notes" VALUES(14,'amara','2026-01-15','pull','history','water cooler','Tutored undergraduate statistics for three years during her master''s; misses teaching.','private','',NULL,0);
INSERT INTO "notes" VALUES(15,'priya','2026-01-19','push','mentors','1:1','Suggested Kwame Mensah in pricing, who runs their holdout experiments, as a mentor for causal methods; offered an intro. Priya keen.','shared','Send the intro email to Kwame','2026-01-23',0);
INSERT INTO "notes" VALUES(16,'priya','2026-01-19','push','suggested goals','1:1','Reframed her draft ''get better at multitasking'' as prioritising and managing stakeholder requests; she agreed after we looked at her request log together (31 requests in December).','shared','',NULL,0);
INSERT INTO "notes" VALUES(17,'amara','2026-01-20','push','suggested goals','1:1','Suggested reordering her goals: reproducible code and documentation first, modelling second, presenting third. She agreed, a bit reluctantly, to park deep learning.','shared','',NULL,0);
INSERT INTO "notes" VALUES(18,'farah','2026-01-21','pull','values','water cooler','Co-organises a women-in-data meetup; wants our data science interviews to be fairer.','private','',NULL,0);
INSERT INTO "notes" VALUES(19,'lucia','2026-01-22','pull','history','1:1','First in her family to work in tech; her younger brother is thinking about a bootcamp and she feels she has to prove it works.','private','',NULL,0);
INSERT INTO "notes" VALUES(20,'tomas','2026-01-22','pull','interests','water cooler','Maintains an open-source schema-registry client; release duty eats his weekends.','shared','',NULL,0);
INSERT INTO "notes" VALUES(21,'lucia','2026-02-02','push','mentors','1:1','Set up weekly pairing with Jun, who offered.','shared','',NULL,0);
INSERT INTO "notes" VALUES(22,'amara','2026-02-03','push','mentors','1:1','Paired her with Farah as mentor for the delivery-time work: 30 minutes a week.','shared','',NULL,0);
INSERT INTO "notes" VALUES(23,'farah','2026-02-04','push','work connections','1:1','Connected her interview-fairness interest to the data science interview calibration, which needs an owner.','shared','',NULL,0);
INSERT INTO "notes" VALUES(24,'tomas','2026-02-05','push','gaps','1:1','Only one of his three goals maps to the ladder; the staff expectations on mentoring are not covered. He chose to keep the talk and open-source goals this year.','shared','Revisit the ladder coverage of his goals','2026-04-09',0);
INSERT INTO "notes" VALUES(25,'jun','2026-02-13','pull','history','water cooler','Worked four years on a game engine team; loves profiling and frame budgets.','shared','',NULL,0);
INSERT INTO "notes" VALUES(26,'jun','2026-02-27','push','observed strengths','1:1','His profiling skills map directly onto checkout latency; suggested he own a latency budget, like a frame budget.','shared','',NULL,0);
INSERT INTO "notes" VALUES(27,'lucia','2026-03-02','push','role skills','check-in','At level 1, asking after a reasonable attempt is an expectation of the role, not a weakness.','shared','',NULL,0);
INSERT INTO "notes" VALUES(28,'tomas','2026-03-12','pull','values','1:1','Turned down a recruiter; says he would stay if the staff scope is real. Owning architecture matters more to him than money.','private','',NULL,0);
INSERT INTO "notes" VALUES(29,'farah','2026-03-18','push','observed strengths','project discussion','In the evaluation standard review she handled the supply squad''s objections without getting defensive.','shared','',NULL,0);
INSERT INTO "notes" VALUES(30,'priya','2026-03-18','pull','values','project discussion','On the win-back re-analysis: energised by rigour, drained by ''just pull the numbers'' asks. Wants to be trusted to say what the data cannot tell.','private','',NULL,0);
INSERT INTO "notes" VALUES(31,'amara','2026-03-31','pull','self-assessment','check-in','After the team demo: ''I talked too fast but nobody noticed the mistakes I was worried about.''','shared','',NULL,0);
INSERT INTO "notes" VALUES(32,'tomas','2026-04-09','push','suggested goals','1:1','Revisited: suggested making mentoring explicit (e.g. Lucía''s on-call readiness). He prefers to keep it informal; noted as his call.','shared','',NULL,0);
INSERT INTO "notes" VALUES(33,'lucia','2026-04-15','pull','interests','water cooler','Enjoys the customer side: reads support tickets about late notifications in her spare minutes.','shared','',NULL,0);
INSERT INTO "notes" VALUES(34,'priya','2026-04-20','pull','goals','1:1','Asked where she sees herself in three years: senior individual contributor focused on experimentation; not management, ''for now''.','shared','',NULL,0);
INSERT INTO "notes" VALUES(35,'amara','2026-04-22','pull','values','1:1','Her mother is visiting from Lagos from mid-May to late June; she prefers no meetings after 5 pm in that window.','private','Move the Thursday ops sync earlier for May and June','2026-05-08',0);
INSERT INTO "notes" VALUES(36,'jun','2026-04-24','push','learning','1:1','Suggested the internal reliability course on service level objectives.','shared','',NULL,0);
INSERT INTO "notes" VALUES(37,'farah','2026-05-06','pull','self-assessment','1:1','Feels she is ''nagging'' the supply squad about drift thresholds.','shared','',NULL,0);
INSERT INTO "notes" VALUES(38,'priya','2026-05-11','push','career paths','1:1','Walked through the senior data scientist expectations: ambiguous problems that need non-standard methods (causal inference is named) and how the loyalty holdout maps onto them.','shared','',NULL,0);
INSERT INTO "notes" VALUES(39,'lucia','2026-05-20','push','work connections','1:1','Connected her support-ticket habit to the runbook fixes: she knows which failures customers actually feel.','shared','',NULL,0);
INSERT INTO "notes" VALUES(40,'priya','2026-06-03','pull','goals','1:1','Asked whether her pay is in line with the DS II band after a friend received an outside offer. Said I would check her position in the band with HR.','private','Check her band position with HR and report back','2026-06-17',0);
INSERT INTO "notes" VALUES(41,'jun','2026-06-05','pull','goals','1:1','Wants to own a service end to end within two years.','shared','',NULL,0);
INSERT INTO "notes" VALUES(42,'tomas','2026-06-11','push','observed strengths','project discussion','Notifications consumer: zero lost events; his game-day findings prevented two production bugs.','shared','',NULL,0);
INSERT INTO "notes" VALUES(43,'farah','2026-06-17','push','role skills','1:1','Staff-level influence includes knowing when to escalate and to whom; escalation is not failure.','shared','',NULL,0);
INSERT INTO "notes" VALUES(44,'amara','2026-06-24','pull','self-assessment','project discussion','Gave her ops weekly slot to Farah; admitted she froze at the idea of the ops lead''s questions.','private','',NULL,0);
INSERT INTO "notes" VALUES(45,'lucia','2026-07-08','pull','learning topics','1:1','Wants to learn how the message queue works under the hood before primary on-call.','shared','',NULL,0);
INSERT INTO "notes" VALUES(46,'priya','2026-07-15','push','opportunities','water cooler','Mentioned the experimentation guild needs a co-organiser for the autumn reading group; she could bring the causal inference angle.','shared','',NULL,0);
INSERT INTO "notes" VALUES(47,'tomas','2026-07-16','push','opportunities','1:1','His talk was accepted at the city data-engineering meetup (12 Nov).','shared','',NULL,0);
INSERT INTO "notes" VALUES(48,'jun','2026-07-24','push','feedback','check-in','The sprint review demo on 22 Jul was clear and short; the product manager asked him to show it to the sales engineers.','shared','',NULL,0);
INSERT INTO "notes" VALUES(49,'amara','2026-07-29','push','observed strengths','1:1','Presented on 23 Jul: a clear story and a calm answer to the rainy-day question. That is the level-1 expectation on presenting, done under pressure.','shared','',NULL,0);
INSERT INTO "notes" VALUES(50,'lucia','2026-08-12','push','learning','1:1','Suggested Tomás''s streaming migration design doc and the game-day notes as reading for the queue.','shared','',NULL,0);
INSERT INTO "notes" VALUES(51,'farah','2026-08-19','pull','goals','project discussion','Worried about the re-org rumour: the forecasting squads may move under supply chain and she would lose the roadmap she built.','private','Ask my director what is decided and share what I can','2026-09-02',0);
INSERT INTO "notes" VALUES(52,'priya','2026-08-28','push','observed strengths','project discussion','After the growth review: the way she stated the limits of the difference-in-differences (parallel trends check, one-city caveat) is the senior-level judgement the ladder describes.','shared','',NULL,0);
INSERT INTO "notes" VALUES(53,'farah','2026-09-02','push','opportunities','1:1','Shared what I could: no re-org decision before November. Mentioned the analytics-engineering lead opening in case she wants to weigh options.','private','',NULL,0);
INSERT INTO "notes" VALUES(54,'amara','2026-09-09','push','learning','1:1','Suggested the internal forecasting course in October: it covers the hierarchical models she was curious about, tied to the work.','shared','',NULL,0);
INSERT INTO "notes" VALUES(55,'jun','2026-09-18','push','observed strengths','project discussion','Led the post-mortem for the 17 Sep incident calmly and without blame.','shared','',NULL,0);
INSERT INTO "notes" VALUES(56,'jun','2026-09-25','pull','history','1:1','His father''s health is worse; he may need to travel to Osaka for several weeks in November.','private','Send him the leave policy and check cover for the retry design','2026-10-02',0);
INSERT INTO "notes" VALUES(57,'tomas','2026-10-01','pull','self-assessment','check-in','After the all-hands dry run on 24 Sep: wants to cut the slides in half and lead with the failure stories.','shared','',NULL,0);
INSERT INTO "notes" VALUES(58,'lucia','2026-10-12','push','observed strengths','check-in','First primary on-call weeks: resolved the delivery-delay alert with the runbook and wrote clean follow-ups.','shared','',NULL,0);
INSERT INTO "notes" VALUES(59,'priya','2026-10-12','push','gaps','1:1','For senior: show impact beyond her own analyses, e.g. the template used without her. That is the Q4 objective.','shared','',NULL,0);
INSERT INTO "notes" VALUES(60,'jun','2026-10-16','pull','goals','check-in','For Q4 he wants the retry design to be his first design review as author.','shared','',NULL,0);
INSERT INTO "notes" VALUES(61,'amara','2026-10-19','pull','interests','water cooler','Volunteers at a weekend coding club for teenagers; enjoys explaining things.','shared','',NULL,0);
INSERT INTO "notes" VALUES(62,'tomas','2026-10-21','push','career paths','1:1','Staff promotion case for 2027: design leadership is strong; the case needs evidence of growing others (Lucía''s on-call readiness counts if written down).','shared','',NULL,0);
INSERT INTO "notes" VALUES(63,'farah','2026-11-11','pull','goals','1:1','Weighing the analytics-engineering lead role; wants to reopen goal 2 before committing for 2027.','shared','',NULL,0);
INSERT INTO "notes" VALUES(64,'amara','2026-11-16','push','career paths','1:1','Walked through what Data Scientist II looks like: her launch and the template work cover most of it; the gap is owning a small project end to end without a mentor.','shared','',NULL,0);
INSERT INTO "notes" VALUES(65,'lucia','2026-11-18','pull','goals','1:1','Asked when Software Engineer II could be realistic. Walked through the gap: delivering a feature with little guidance.','shared','',NULL,0);
INSERT INTO "notes" VALUES(66,'farah','2026-12-02','push','gaps','1:1','For staff: the supply squad adoption gap remains. Suggested making the model-review checklist the lever rather than more meetings.','shared','',NULL,0);
INSERT INTO "notes" VALUES(67,'priya','2026-12-07','pull','learning topics','1:1','Wants to learn synthetic control methods in 2027; suggested she puts it in her draft goals for next year.','shared','',NULL,0);
INSERT INTO "notes" VALUES(68,'lucia','2026-12-09','push','career paths','1:1','Suggested a 2027 goal around owning one notification feature end to end: the clearest step towards SE II.','shared','',NULL,0);
INSERT INTO "notes" VALUES(69,'tomas','2026-12-10','push','feedback','1:1','The forum slot is still not booked: my miss. Told him I will raise it with the platform director this week.','shared','Email the platform director about the forum slot','2026-12-14',0);
INSERT INTO "notes" VALUES(70,'ana','2027-01-10','pull','interests','water cooler','Mentioned an interest in causal inference','private','',NULL,0);
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
INSERT INTO "objectives" VALUES(1,1,1,'Take control of incoming requests from lifecycle marketing',1,'Prioritizing means keeping a list and working top-down; I should reply faster so nobody waits.','Also: agree the ranking with the requester''s lead, say ''not now'' with a reason and a date, and offer a self-serve option. Saying no politely is part of the job at level 2.','Retention analytics requests from lifecycle marketing (about eight a week in January)');
INSERT INTO "objectives" VALUES(2,1,2,'Build a working foundation in causal inference',2,'Read a textbook and do the exercises.','Reading alone fades. Apply one method to a campaign we already ran and have someone who does this daily check the write-up.','January win-back campaign readout');
INSERT INTO "objectives" VALUES(3,2,1,'Hold priorities under pressure during the Q2 retention push',1,'Keep the backlog and say no more often.','The backlog only helps if the marketing lead shares the ranking. Make the review a standing meeting so the trade-offs are decided together, not by you alone.','Q2 retention push with lifecycle marketing');
INSERT INTO "objectives" VALUES(4,2,2,'Apply causal methods to a live campaign',2,'Use the same holdout as last quarter on a new campaign.','Design it before launch this time: pre-register the metric, size the holdout with a power calculation, and have it signed off before the campaign goes out.','Summer loyalty campaign');
INSERT INTO "objectives" VALUES(5,3,1,'Own the loyalty campaign readout',2,'Present the numbers clearly.','At the next level you also own the caveats: state the assumptions (parallel trends), what would change the conclusion, and what the partner should do next.','Summer loyalty campaign readout');
INSERT INTO "objectives" VALUES(6,3,2,'Make campaign analysis reusable',3,'Clean up my notebook and put it on the wiki.','Reusable means someone else gets the same answer without asking you. Test that by watching a teammate run it.','Campaign readouts for lifecycle marketing');
INSERT INTO "objectives" VALUES(7,4,1,'Get the template adopted',3,'Others use the template when they can.','Adoption needs a nudge: pick the next two readouts together with their owners now.','Holiday campaign readouts');
INSERT INTO "objectives" VALUES(8,4,2,'Plan 2027 capacity with marketing',1,'Collect everything marketing wants next year.','A wish list is not a plan: cap it, rank it with Dana, and write down what is not on it.','2027 planning with lifecycle marketing');
INSERT INTO "objectives" VALUES(9,5,1,'Make my analysis code reviewable and rerunnable',1,'Good code means it runs without errors.','Also that a teammate can rerun it from a fresh checkout, the feature logic has tests, and each pull request is small enough to review in one sitting.','Delivery-time feature pipeline (with Farah)');
INSERT INTO "objectives" VALUES(10,5,2,'Present my own work to the team',3,'Present when I am asked to.','Volunteer a slot instead of waiting, rehearse once with a friendly audience, and ask for two pieces of written feedback.','Monthly team demo');
INSERT INTO "objectives" VALUES(11,6,1,'Deliver the first delivery-time model end to end',2,'Train the best model I can.','End to end means: agree the metric with operations, set a baseline, evaluate offline against it and document the decision. The model does not need to be fancy.','Delivery-time estimate v1 for the operations team');
INSERT INTO "objectives" VALUES(12,6,2,'Present to a cross-functional audience',3,'Present the model at the ops weekly.','Ask for feedback before (dry run) and after; decide beforehand the one message ops should remember.','Ops weekly meeting');
INSERT INTO "objectives" VALUES(13,7,1,'Present to the operations team',3,'Get through the presentation without freezing.','Prepare for the two hardest questions the ops lead might ask; that is where the nerves come from.','Ops weekly meeting');
INSERT INTO "objectives" VALUES(14,7,2,'Improve the model with the missing signal',2,'Add weather data.','Check the weather feed''s delay before using it: a feature that arrives late in production is worth nothing offline.','Delivery-time estimate v1');
INSERT INTO "objectives" VALUES(15,8,1,'Launch and monitor the model',2,'Turn the flag on.','Launching is the start: agree beforehand what in the monitoring would make you roll back.','Delivery-time estimate v1 launch');
INSERT INTO "objectives" VALUES(16,8,2,'Help the team reuse good code',1,'Use the template.','Your fresh eyes are the test: write down every step that was unclear so Priya can fix it.','Holiday email campaign readout');
INSERT INTO "objectives" VALUES(17,9,1,'Define what ''good'' means for our forecasts',1,'Write down the metrics we use.','Staff scope: a standard the other squad adopts. Include drift monitoring and what happens when an alert fires, otherwise it stays a document.','Weekly demand forecast refresh');
INSERT INTO "objectives" VALUES(18,9,2,'Set Amara up for her first model',2,'Answer her questions when she has them.','Agree a weekly 30-minute slot and review her design doc against the template; let her own the decisions.','Delivery-time features');
INSERT INTO "objectives" VALUES(19,10,1,'Get the standard adopted',1,'Present the standard to the other squad.','Adoption shows in their artefacts, not in a meeting: look for the format in their model reviews.','May model reviews of both squads');
INSERT INTO "objectives" VALUES(20,10,2,'Raise the team''s hiring bar fairly',2,'Share my interview questions.','Calibration means interviewers score the same answer the same way; use last year''s anonymised scores to show where they differ.','Data science hiring for the two open roles');
INSERT INTO "objectives" VALUES(21,11,1,'Close the adoption gap with the supply squad',1,'Keep reminding them.','Reminders have run their course. Offer to do part of the work with them, and if that fails, escalate early and respectfully.','Supply squad''s forecasting pipeline');
INSERT INTO "objectives" VALUES(22,11,2,'Mentor Amara through launch',2,'Review her launch plan.','Ask her what could go wrong before telling her; she should leave with her own checklist.','Delivery-time v1 launch');
INSERT INTO "objectives" VALUES(23,12,1,'Make the standard part of model reviews',1,'Add a section to the review template.','Make it a checklist the reviewer ticks, so the standard travels without you in the room.','Q4 model reviews');
INSERT INTO "objectives" VALUES(24,12,2,'Support Amara''s launch',2,'Be available.','Co-run the monitoring review so she sees how you read the signals.','Delivery-time v1 launch');
INSERT INTO "objectives" VALUES(25,13,1,'Get a migration design all three consuming teams sign off',1,'Write the design doc and present it.','At staff level the design is half the job; the other half is the sign-off: find each team''s concern early, write down the trade-offs, and name who decides.','Event-ingestion migration to streaming');
INSERT INTO "objectives" VALUES(26,13,2,'Find a stage for the migration story',2,'Submit to a big conference.','Widen the net: two submissions, one of them a local meetup, so there is a realistic yes.','Migration design work');
INSERT INTO "objectives" VALUES(27,14,1,'Migrate the first consumer',1,'Switch notifications over.','Pick success criteria everyone can check (lost events, lag) before the switch.','Notifications service migration');
INSERT INTO "objectives" VALUES(28,14,2,'Hand over open-source release duty',3,'Teach my co-maintainer the release steps.','Let them run it while you only review; the second release is the real test.','Open-source schema-registry client');
INSERT INTO "objectives" VALUES(29,15,1,'Migrate checkout, the riskiest consumer',1,'Move checkout like notifications.','Checkout has stricter latency; load test first and agree a rollback trigger with the checkout lead.','Checkout migration');
INSERT INTO "objectives" VALUES(30,15,2,'Prepare the talk',2,'Write the slides.','A dry run in front of colleagues gives you feedback and is the internal session the ladder values.','Accepted meetup talk (12 Nov)');
INSERT INTO "objectives" VALUES(31,16,1,'Finish the migration',1,'Cut over checkout and switch the old job off.','Close the loop in public: a retrospective at the architecture forum spreads what you learned beyond our teams.','Checkout migration and legacy ingestion shutdown');
INSERT INTO "objectives" VALUES(32,16,2,'Give the talk',2,'Give the talk.','Publish it too: the blog post reaches candidates who were not in the room.','City data-engineering meetup (12 Nov)');
INSERT INTO "objectives" VALUES(33,17,1,'Get feedback earlier on my code',1,'Polish each pull request before anyone sees it, so reviewers do not waste time.','Reviewers'' time is better spent early on direction than late on 900 lines. Draft pull requests and a 300-line guideline are normal here.','Checkout service latency work');
INSERT INTO "objectives" VALUES(34,18,1,'Set a latency budget for checkout',2,'Make checkout faster.','A budget agreed with product turns ''faster'' into a number everyone defends; alerts make it stick.','Checkout service');
INSERT INTO "objectives" VALUES(35,18,2,'Review others'' code helpfully',1,'Write better reviews.','Make it checkable: count reviews with a concrete suggestion and sample a few with a senior.','Team code reviews');
INSERT INTO "objectives" VALUES(36,19,1,'Make my work visible',3,'Speak up more at the sprint review.','Show, don''t talk: a short demo and a written note reach more people than speaking up.','Sprint reviews and the checkout retry change');
INSERT INTO "objectives" VALUES(37,19,2,'Hold the budget through the freeze',2,'Keep an eye on the dashboard.','Check the alert routes before the freeze; during it, changes are slow, so prevention beats reaction.','Checkout freeze (September)');
INSERT INTO "objectives" VALUES(38,20,1,'Lead a small design',3,'Write the retry design.','Author and present it at the design review yourself; Tomás reviews the draft, you run the meeting.','Checkout retry change');
INSERT INTO "objectives" VALUES(39,20,2,'Learn from the incident',2,'Fix the cache config.','Ship all the post-mortem actions, not only the obvious one.','Checkout service');
INSERT INTO "objectives" VALUES(40,21,1,'Stop staying stuck alone',2,'Ask when I am completely stuck.','Use a timebox: after an hour of real effort, post the question with what you tried. At level 1 asking early is expected and saves the team time.','Notification templates migration');
INSERT INTO "objectives" VALUES(41,21,2,'Learn the notification service''s failure modes',1,'Read the runbooks.','Shadow real on-call weeks and write one incident timeline; reading alone will not stick.','Notification service on-call');
INSERT INTO "objectives" VALUES(42,22,1,'Get ready for primary on-call',1,'Feel ready.','Readiness can be shown: fix what confused you in the runbooks.','Notification service on-call');
INSERT INTO "objectives" VALUES(43,22,2,'Learn in the open',2,'Share more.','Pick a rhythm: every other stand-up, one thing learned, two minutes.','Team stand-ups');
INSERT INTO "objectives" VALUES(44,23,1,'Take primary on-call',1,'Do my on-call weeks.','With a senior as secondary, resolve at least one alert yourself end to end.','Notification service on-call');
INSERT INTO "objectives" VALUES(45,24,1,'Be on call with a regular secondary',1,'Do another on-call week.','Write the follow-up actions for every page; that is what turns on-call into learning.','Notification service on-call');
INSERT INTO "objectives" VALUES(46,24,2,'Help the next new joiner',2,'Be friendly to the new person.','Write down what you wished you had known, and have someone test it from a fresh laptop.','January new hire onboarding');
INSERT INTO "objectives" VALUES(47,25,1,'Enhance communication with partners',1,'','','');
CREATE TABLE obstacles (
	id INTEGER NOT NULL, 
	check_in_id INTEGER NOT NULL, 
	kind VARCHAR(200) NOT NULL, 
	text TEXT NOT NULL, 
	PRIMARY KEY (id), 
	FOREIGN KEY(check_in_id) REFERENCES check_ins (id) ON DELETE CASCADE
);
INSERT INTO "obstacles" VALUES(1,19,'asking for help','Feels asking questions exposes that she has no CS degree; stays stuck alone for days.');
INSERT INTO "obstacles" VALUES(2,24,'perfectionism','Holds pull requests until they feel perfect; fears reviewers will judge unfinished work.');
INSERT INTO "obstacles" VALUES(3,26,'pushing back on stakeholders','Wants to be seen as helpful by marketing; saying ''not now'' feels like letting Dana down.');
INSERT INTO "obstacles" VALUES(4,27,'fear of presenting','Worries the team will spot mistakes in front of everyone and judge her as the junior.');
INSERT INTO "obstacles" VALUES(5,52,'pushing back on stakeholders','Saying no to the checkout lead feels like blocking a team he depends on.');
INSERT INTO "obstacles" VALUES(6,68,'fear of presenting','The ops lead interrupts with rapid questions; she fears freezing.');
INSERT INTO "obstacles" VALUES(7,74,'fear of presenting','Stepped back from the ops weekly in June; afraid of questions she cannot answer on the spot.');
INSERT INTO "obstacles" VALUES(8,77,'fear of presenting','Worried that his spoken English will distract from the work in front of the product managers.');
INSERT INTO "obstacles" VALUES(9,86,'asking for help','Reluctant to ask the supply squad''s director for help; feels it would show she cannot influence peers.');
CREATE TABLE okr_quarters (
	id INTEGER NOT NULL, 
	person_id VARCHAR(64) NOT NULL, 
	quarter VARCHAR(6) NOT NULL, 
	PRIMARY KEY (id), 
	UNIQUE (person_id, quarter), 
	FOREIGN KEY(person_id) REFERENCES people (id) ON DELETE CASCADE
);
INSERT INTO "okr_quarters" VALUES(1,'priya','2026Q1');
INSERT INTO "okr_quarters" VALUES(2,'priya','2026Q2');
INSERT INTO "okr_quarters" VALUES(3,'priya','2026Q3');
INSERT INTO "okr_quarters" VALUES(4,'priya','2026Q4');
INSERT INTO "okr_quarters" VALUES(5,'amara','2026Q1');
INSERT INTO "okr_quarters" VALUES(6,'amara','2026Q2');
INSERT INTO "okr_quarters" VALUES(7,'amara','2026Q3');
INSERT INTO "okr_quarters" VALUES(8,'amara','2026Q4');
INSERT INTO "okr_quarters" VALUES(9,'farah','2026Q1');
INSERT INTO "okr_quarters" VALUES(10,'farah','2026Q2');
INSERT INTO "okr_quarters" VALUES(11,'farah','2026Q3');
INSERT INTO "okr_quarters" VALUES(12,'farah','2026Q4');
INSERT INTO "okr_quarters" VALUES(13,'tomas','2026Q1');
INSERT INTO "okr_quarters" VALUES(14,'tomas','2026Q2');
INSERT INTO "okr_quarters" VALUES(15,'tomas','2026Q3');
INSERT INTO "okr_quarters" VALUES(16,'tomas','2026Q4');
INSERT INTO "okr_quarters" VALUES(17,'jun','2026Q1');
INSERT INTO "okr_quarters" VALUES(18,'jun','2026Q2');
INSERT INTO "okr_quarters" VALUES(19,'jun','2026Q3');
INSERT INTO "okr_quarters" VALUES(20,'jun','2026Q4');
INSERT INTO "okr_quarters" VALUES(21,'lucia','2026Q1');
INSERT INTO "okr_quarters" VALUES(22,'lucia','2026Q2');
INSERT INTO "okr_quarters" VALUES(23,'lucia','2026Q3');
INSERT INTO "okr_quarters" VALUES(24,'lucia','2026Q4');
INSERT INTO "okr_quarters" VALUES(25,'ana','2027Q1');
CREATE TABLE people (
	id VARCHAR(64) NOT NULL, 
	name VARCHAR(200) NOT NULL, 
	track VARCHAR(200) NOT NULL, 
	level VARCHAR(100) NOT NULL, 
	ladder TEXT NOT NULL, 
	manager VARCHAR(200) NOT NULL, 
	motivations TEXT NOT NULL, 
	started DATE, 
	PRIMARY KEY (id)
);
INSERT INTO "people" VALUES('priya','Priya Raman','Data Science','2','ladders/data-science.csv','Maya Chen','Wants her analyses to change decisions, not just answer tickets. Long term: a senior individual contributor path around experimentation; curious whether campaigns really cause what they claim. Values calm focus time and being trusted to say what the data cannot tell.','2023-03-13');
INSERT INTO "people" VALUES('amara','Amara Okafor','Data Science','1','ladders/data-science.csv','Maya Chen','First industry role after a master''s in statistics. Wants to become the person the team trusts with modelling; enjoys teaching (tutored undergraduates for three years); nervous about presenting.','2025-08-04');
INSERT INTO "people" VALUES('farah','Farah Haddad','Data Science','3','ladders/data-science.csv','Maya Chen','Wants to grow as a technical leader without managing people for now; cares about forecast quality and about bringing more women into data roles. Considering the staff path.','2021-10-18');
INSERT INTO "people" VALUES('tomas','Tomás Herrera','Software Engineering','4','ladders/software-engineering.csv','Maya Chen','Built much of the ingestion platform. Wants to shape architecture across teams, stay hands-on, and speak at a conference. Maintains an open-source library in his spare time.','2019-06-03');
INSERT INTO "people" VALUES('jun','Jun Watanabe','Software Engineering','2','ladders/software-engineering.csv','Maya Chen','Came from a game studio; loves performance work. Wants to own a service end to end and be recognised for quality. Quiet in large meetings.','2024-01-15');
INSERT INTO "people" VALUES('lucia','Lucía Fernández','Software Engineering','1','ladders/software-engineering.csv','Maya Chen','Career changer: six years as a pharmacy technician, then a coding bootcamp. Wants solid fundamentals and to join the on-call rotation; motivated by user-facing work.','2025-02-10');
INSERT INTO "people" VALUES('ana','Ana Souza','Data Science','2','ladders/data-science.csv','','Wants to lead modeling work for pricing',NULL);
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
INSERT INTO "support" VALUES(1,1,'manager','introduce the intake process at the marketing leads'' sync','done','2026-02-20');
INSERT INTO "support" VALUES(2,3,'Kwame Mensah (pricing data science)','review the holdout analysis write-up','done','2026-03-20');
INSERT INTO "support" VALUES(3,6,'Kwame Mensah (pricing data science)','sign off the holdout design','done','2026-05-13');
INSERT INTO "support" VALUES(4,7,'Farah Haddad','dry-run feedback on the slides','done','2026-08-20');
INSERT INTO "support" VALUES(5,7,'manager','book the growth review slot','done','2026-08-07');
INSERT INTO "support" VALUES(6,8,'Amara Okafor','run the template on the September email test and list every question','done','2026-09-18');
INSERT INTO "support" VALUES(7,9,'Amara Okafor','use the template for the holiday email readout','done','2026-11-27');
INSERT INTO "support" VALUES(8,11,'Farah Haddad','review the refactor pull requests within two working days','done','2026-03-20');
INSERT INTO "support" VALUES(9,13,'manager','15-minute rehearsal the day before','done','2026-03-25');
INSERT INTO "support" VALUES(10,14,'Farah Haddad','detailed design review','done','2026-05-06');
INSERT INTO "support" VALUES(11,16,'Priya Raman','dry-run audience and feedback','done','2026-06-19');
INSERT INTO "support" VALUES(12,17,'manager','trial run with the two hardest questions','done','2026-07-21');
INSERT INTO "support" VALUES(13,19,'Jun Watanabe','review the serving endpoint changes','done','2026-09-11');
INSERT INTO "support" VALUES(14,20,'Farah Haddad','monitoring review session','done','2026-12-09');
INSERT INTO "support" VALUES(15,21,'Priya Raman','answer questions within a day','done','2026-11-27');
INSERT INTO "support" VALUES(16,22,'supply forecasting squad lead','review the draft standard','done','2026-03-20');
INSERT INTO "support" VALUES(17,24,'manager','raise adoption at the data leads'' sync','done','2026-04-24');
INSERT INTO "support" VALUES(18,26,'recruiting partner','share last year''s interview scores, anonymised','done','2026-05-15');
INSERT INTO "support" VALUES(19,27,'supply forecasting squad lead','two pairing sessions','dropped','2026-08-14');
INSERT INTO "support" VALUES(20,30,'Amara Okafor','prepare the monitoring summary','done','2026-12-09');
INSERT INTO "support" VALUES(21,31,'data platform lead','design review of the draft','done','2026-02-27');
INSERT INTO "support" VALUES(22,34,'Lucía Fernández','update the notification runbooks for the new consumer','done','2026-06-05');
INSERT INTO "support" VALUES(23,36,'Jun Watanabe','load test the checkout consumer','done','2026-08-28');
INSERT INTO "support" VALUES(24,37,'manager','get the all-hands slot','done','2026-09-04');
INSERT INTO "support" VALUES(25,39,'manager','ask the platform director for a 30-minute slot at the architecture forum','requested','2026-11-20');
INSERT INTO "support" VALUES(26,40,'developer relations','edit the blog post','done','2026-11-25');
INSERT INTO "support" VALUES(27,43,'Tomás Herrera','review the alert thresholds','done','2026-05-08');
INSERT INTO "support" VALUES(28,49,'Tomás Herrera','design review of the draft','done','2026-11-06');
INSERT INTO "support" VALUES(29,52,'Jun Watanabe','one hour of pairing a week','done','2026-03-27');
INSERT INTO "support" VALUES(30,53,'Tomás Herrera','review the incident write-up','done','2026-03-27');
INSERT INTO "support" VALUES(31,57,'Tomás Herrera','be secondary on-call for both weeks','done','2026-09-25');
INSERT INTO "support" VALUES(32,59,'Tomás Herrera','test the setup guide from a fresh laptop','committed','2026-12-21');
INSERT INTO "support" VALUES(33,60,'manager','feedback on the draft','requested',NULL);
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
INSERT INTO "trial_runs" VALUES(1,19,'Post the next blocking question in the team channel after 60 minutes, with what she tried, and bring the thread to the next 1:1','debriefed','Got an answer from Jun in 12 minutes; two others said they had wondered the same thing.','2026-02-27');
INSERT INTO "trial_runs" VALUES(2,24,'Open the next retry-logic pull request as a draft at about 150 lines and ask Tomás for early direction','debriefed','Tomás caught a wrong assumption on day one. Jun: ''that would have cost me a week''.','2026-02-27');
INSERT INTO "trial_runs" VALUES(3,26,'Draft reply to the marketing team''s request for a new dashboard, shared with manager before sending','debriefed','Sent on 4 Mar with the reason and a link to the existing churn report; Dana replied ''makes sense, thanks''. Priya: much less dramatic than she feared.','2026-03-04');
INSERT INTO "trial_runs" VALUES(4,27,'Rehearse the 10-minute data-audit talk with the manager the day before the team demo','debriefed','Rehearsed on 25 Mar, presented on 26 Mar. ''I talked too fast but nobody noticed the mistakes I was worried about.''','2026-03-25');
INSERT INTO "trial_runs" VALUES(5,52,'Scope note to the checkout lead proposing the extra fields as a follow-up after the migration, shared with the manager first','debriefed','Sent on 5 May; the checkout lead agreed to a follow-up ticket. Tomás: ''I expected an argument and got a thumbs-up.''','2026-05-06');
INSERT INTO "trial_runs" VALUES(6,68,'Dry run of the ops-weekly slides with Priya as the audience, asking her to interrupt like the ops lead','debriefed','Dry run went well, but she handed her ops slot to Farah on 24 Jun. We talked about what made her step back: the audience, not the content.','2026-06-19');
INSERT INTO "trial_runs" VALUES(7,74,'Run the ops-weekly slides with the manager on 21 Jul, including the two hardest questions the ops lead might ask','debriefed','Presented on 23 Jul. She answered the rainy-day question with ''I will check and come back'', which worked fine. Next: the monitoring review in Q4.','2026-07-21');
INSERT INTO "trial_runs" VALUES(8,77,'Record a 3-minute walkthrough of the latency dashboard and watch it with the manager before the sprint review','debriefed','Watched it together on 20 Jul; the recording was clear. Demo on 22 Jul went well; the PM asked him to show it to the sales engineers.','2026-07-20');
INSERT INTO "trial_runs" VALUES(9,86,'Short note to the supply squad''s director on the drift-threshold gap, drafted and reviewed with the manager before sending','debriefed','Sent on 11 Aug. The director replied that the warehouse launch comes first until October. Farah: the answer was no, but the exchange was quick and respectful; she will ask earlier next time.','2026-08-12');
CREATE INDEX ix_notes_person_id ON notes (person_id);
CREATE INDEX ix_check_ins_person_id ON check_ins (person_id);
CREATE INDEX ix_generated_about_person_id ON generated_about (person_id);
CREATE INDEX ix_goals_plan_id ON goals (plan_id);
CREATE INDEX ix_objectives_quarter_id ON objectives (quarter_id);
CREATE INDEX ix_obstacles_check_in_id ON obstacles (check_in_id);
CREATE INDEX ix_trial_runs_check_in_id ON trial_runs (check_in_id);
CREATE INDEX ix_actions_person_id ON actions (person_id);
CREATE INDEX ix_key_results_objective_id ON key_results (objective_id);
CREATE INDEX ix_support_key_result_id ON support (key_result_id);
CREATE INDEX ix_kr_statuses_check_in_id ON kr_statuses (check_in_id);
CREATE VIEW shareable_notes AS SELECT id, person_id, date, direction, topic, setting, text, follow_up, follow_up_due FROM notes WHERE visibility = 'shared';
COMMIT;
