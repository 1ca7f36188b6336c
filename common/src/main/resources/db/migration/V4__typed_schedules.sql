-- A direction's schedule as data (issue 21): kind, steps, spacing, eta and the LOCO grid's quality boost, instead
-- of the text 'ddim/leading/50/eta=0.0' or 'loco/100[/quality-boost]' that readers had to parse.
alter table direction_versions
    add column schedule_kind          varchar(16),
    add column schedule_steps         integer,
    add column schedule_spacing       varchar(16),
    add column schedule_eta           double precision,
    add column schedule_quality_boost boolean not null default false;

update direction_versions
   set schedule_kind    = 'DDIM',
       schedule_spacing = upper(split_part(schedule, '/', 2)),
       schedule_steps   = split_part(schedule, '/', 3)::integer,
       schedule_eta     = substring(split_part(schedule, '/', 4) from 5)::double precision
 where schedule ~ '^ddim/(leading|trailing|linspace)/[0-9]+/eta=[0-9.eE+-]+$';

update direction_versions
   set schedule_kind          = 'LOCO_GRID',
       schedule_steps         = split_part(schedule, '/', 2)::integer,
       schedule_eta           = 0,
       schedule_quality_boost = split_part(schedule, '/', 3) = 'quality-boost'
 where schedule ~ '^loco/[0-9]+(/quality-boost)?$';

do $$
declare
    unknown text;
begin
    select string_agg(distinct schedule, ', ') into unknown from direction_versions where schedule_kind is null;
    if unknown is not null then
        raise exception 'direction_versions with a schedule this migration cannot read: %', unknown;
    end if;
end $$;

alter table direction_versions
    alter column schedule_kind  set not null,
    alter column schedule_steps set not null,
    alter column schedule_eta   set not null,
    add constraint direction_versions_schedule_kind check (schedule_kind in ('DDIM', 'LOCO_GRID')),
    add constraint direction_versions_schedule_spacing
        check ((schedule_kind = 'DDIM') = (schedule_spacing in ('LEADING', 'TRAILING', 'LINSPACE'))
               and (schedule_kind = 'DDIM' or schedule_spacing is null)),
    add constraint direction_versions_schedule_steps check (schedule_steps >= 1),
    drop column schedule;
