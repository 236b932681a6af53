"""Bürgerservice API: creates the Chalice app and registers the blueprints. Nothing else."""

from chalice import Chalice

from chalicelib.api import admin, auth, booking, meta, office
from chalicelib.api.middleware import http_middleware
from chalicelib.jobs import bp as jobs_bp
from chalicelib.logs import configure_logging

app = Chalice(app_name="buergerservice")
app.debug = False
configure_logging(app.log)
app.register_middleware(http_middleware, "http")
app.register_blueprint(meta.bp)
app.register_blueprint(auth.bp)
app.register_blueprint(admin.bp)
app.register_blueprint(jobs_bp)
app.register_blueprint(booking.bp)
app.register_blueprint(office.bp)

from chalicelib.api import public_surveys, surveys  # noqa: E402 - appended per feature

app.register_blueprint(surveys.bp)
app.register_blueprint(public_surveys.bp)
