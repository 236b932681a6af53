"""Bürgerservice API: creates the Chalice app and registers each capability's blueprints and jobs. Nothing else."""

from chalice import Chalice

from chalicelib.booking import jobs as booking_jobs
from chalicelib.booking.api import citizen as booking_citizen
from chalicelib.booking.api import office as booking_office
from chalicelib.documents import jobs as documents_jobs
from chalicelib.documents.api import citizen as documents_citizen
from chalicelib.documents.api import office as documents_office
from chalicelib.documents.api import terminal as documents_terminal
from chalicelib.platform import http, jobs, schedules
from chalicelib.platform.logs import configure_logging
from chalicelib.platform.middleware import http_middleware
from chalicelib.queue import jobs as queue_jobs
from chalicelib.queue.api import citizen as queue_citizen
from chalicelib.queue.api import office as queue_office
from chalicelib.staff.api import admin, auth, meta
from chalicelib.surveys import jobs as surveys_jobs
from chalicelib.surveys.api import console as surveys_console
from chalicelib.surveys.api import public as surveys_public

app = Chalice(app_name="buergerservice")
app.debug = False
configure_logging(app.log)
app.register_middleware(http_middleware, "http")
http.use_authenticator(auth.authenticate)
jobs.register(*booking_jobs.JOBS, *surveys_jobs.JOBS, *queue_jobs.JOBS, *documents_jobs.JOBS)
app.register_blueprint(meta.bp)
app.register_blueprint(auth.bp)
app.register_blueprint(admin.bp)
app.register_blueprint(booking_citizen.bp)
app.register_blueprint(booking_office.bp)
app.register_blueprint(surveys_console.bp)
app.register_blueprint(surveys_public.bp)
app.register_blueprint(queue_citizen.bp)
app.register_blueprint(queue_office.bp)
app.register_blueprint(documents_citizen.bp)
app.register_blueprint(documents_office.bp)
app.register_blueprint(documents_terminal.bp)

# One scheduled Lambda per job. Chalice deploys each as "app.<function name>", so each handler is
# also bound here under its name.
for _job in jobs.all_jobs():
    _handle = schedules.handler(_job)
    globals()[_handle.__name__] = app.schedule(_job.schedule, name=_handle.__name__)(_handle)
