app_name = "survivors"
urlpatterns = []
